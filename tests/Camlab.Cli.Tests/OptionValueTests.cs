using System.CommandLine;

namespace Camlab.Cli.Tests;

/// <summary>
/// Every option of every camlab command that takes a value other than text, given tokens that are not such a value:
/// the command line is refused with an error naming the option (exit 1), and nothing throws out of parsing.
/// </summary>
public sealed class OptionValueTests
{
    private static readonly string[] NotValues = ["abc", "", "1e999", "-", "0x10", "١٢"];

    public static TheoryData<string> TypedOptions()
    {
        var data = new TheoryData<string>();
        foreach (var (path, option) in Walk(Program.BuildRoot(), []))
            if (option is not (System.CommandLine.Help.HelpOption or VersionOption) && option.ValueType != typeof(string) && option.ValueType != typeof(bool) && option.ValueType != typeof(string[]))
                data.Add(string.Join(' ', path) + " " + option.Name);
        return data;
    }

    private static IEnumerable<(string[] Path, Option Option)> Walk(Command command, string[] path)
    {
        foreach (var option in command.Options)
            yield return (path, option);
        foreach (var sub in command.Subcommands)
            foreach (var found in Walk(sub, [.. path, sub.Name]))
                yield return found;
    }

    [Fact]
    public void The_tree_has_typed_options_to_check() => Assert.True(TypedOptions().Count >= 5);

    [Theory]
    [MemberData(nameof(TypedOptions))]
    public void A_value_of_the_wrong_type_is_an_error_that_names_the_option(string commandAndOption)
    {
        var words = commandAndOption.Split(' ');
        foreach (var bad in NotValues)
        {
            var parse = Program.BuildRoot().Parse([.. words, bad]);
            var name = words[^1];
            // Other errors (a required option not given) may come too; this option's own is what is looked for.
            var own = parse.Errors.Where(e => e.Message.Contains(name, StringComparison.Ordinal)).ToList();
            if (bad == "abc") Assert.NotEmpty(own);
            // "1e999" is a (huge) double: a value of the type after all, which the command's own checks take.
            if (own.Count == 0) continue;
            var error = new StringWriter();
            int exit = parse.Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = error });
            Assert.NotEqual(0, exit);
            Assert.Contains(name, error.ToString());
        }
    }
}
