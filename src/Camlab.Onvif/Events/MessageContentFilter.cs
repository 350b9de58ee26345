using Camlab.Device.Events;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Events;

/// <summary>
/// The ONVIF message content filter dialect (core spec 9.6.4, ItemFilter): boolean expressions over the message's
/// items such as <c>boolean((//tt:SimpleItem[@Name="Source" and @Value="VideoSource_1"]))</c>, combined with
/// and, or, not(). Anything outside that grammar is refused with wsnt:InvalidMessageContentExpressionFault.
/// Bounded: the parser and the evaluator recurse once per nesting level (parentheses, not(), boolean()), so
/// nesting stops at <see cref="MaxNesting"/>; and/or chains are flat lists, their items at most <see cref="MaxItems"/>;
/// the text at most <see cref="MaxLength"/> characters. A subscription keeps its filter, so this also bounds memory.
/// </summary>
public sealed class MessageContentFilter
{
    public const string ItemFilterDialect = "http://www.onvif.org/ver10/tev/messageContentFilter/ItemFilter";

    /// <summary>Deepest nesting of parentheses, not() and boolean() accepted.</summary>
    public const int MaxNesting = 16;

    /// <summary>Most //tt:SimpleItem[...] tests in one expression.</summary>
    public const int MaxItems = 64;

    /// <summary>Longest expression accepted, in characters.</summary>
    public const int MaxLength = 4096;

    private readonly Node _root;

    private MessageContentFilter(Node root) => _root = root;

    public static MessageContentFilter Parse(string dialect, string expression)
    {
        if (dialect != ItemFilterDialect)
            throw new SoapFaultException(FaultCode.Sender, $"message content dialect '{EchoedText.Quote(dialect)}' is not supported", "ter:InvalidArgVal", "wsnt:InvalidMessageContentExpressionFault");
        if (expression.Length > MaxLength)
            throw new SoapFaultException(FaultCode.Sender, $"message content expression of {expression.Length} characters exceeds the limit of {MaxLength}: '{EchoedText.Quote(expression)}'",
                "ter:InvalidArgVal", "wsnt:InvalidMessageContentExpressionFault");
        var parser = new Parser(expression);
        var root = parser.ParseOr();
        parser.ExpectEnd();
        return new MessageContentFilter(root);
    }

    public bool Matches(EventMessage message) => _root.Evaluate(message);

    private abstract record Node { public abstract bool Evaluate(EventMessage m); }
    private sealed record And(List<Node> Terms) : Node { public override bool Evaluate(EventMessage m) => Terms.TrueForAll(t => t.Evaluate(m)); }
    private sealed record Or(List<Node> Terms) : Node { public override bool Evaluate(EventMessage m) => Terms.Exists(t => t.Evaluate(m)); }
    private sealed record Not(Node Inner) : Node { public override bool Evaluate(EventMessage m) => !Inner.Evaluate(m); }

    private sealed record Item(string? Name, string? Value) : Node
    {
        public override bool Evaluate(EventMessage m) =>
            m.Source.Concat(m.Key ?? []).Concat(m.Data).Any(i => (Name is null || i.Name == Name) && (Value is null || i.Value == Value));
    }

    private sealed class Parser(string text)
    {
        private int _i;
        private int _depth;
        private int _items;

        public Node ParseOr()
        {
            var first = ParseAnd();
            if (!TryWord("or")) return first;
            var terms = new List<Node> { first };
            do terms.Add(ParseAnd()); while (TryWord("or"));
            return new Or(terms);
        }

        private Node ParseAnd()
        {
            var first = ParseUnary();
            if (!TryWord("and")) return first;
            var terms = new List<Node> { first };
            do terms.Add(ParseUnary()); while (TryWord("and"));
            return new And(terms);
        }

        private Node ParseUnary()
        {
            if (TryWord("not")) { Expect('('); var inner = Nested(); Expect(')'); return new Not(inner); }
            if (TryWord("boolean")) { Expect('('); var inner = Nested(); Expect(')'); return inner; }
            if (TryChar('(')) { var inner = Nested(); Expect(')'); return inner; }
            if (TryLiteral("//tt:SimpleItem"))
            {
                if (++_items > MaxItems) throw Fail($"more than {MaxItems} //tt:SimpleItem tests");
                return ParsePredicate();
            }
            throw Fail("expected not(, boolean(, ( or //tt:SimpleItem[...]");
        }

        private Node Nested()
        {
            if (++_depth > MaxNesting) throw Fail($"nesting deeper than {MaxNesting} levels");
            var inner = ParseOr();
            _depth--;
            return inner;
        }

        // [@Name="..." and @Value="..."] in either order, either part optional.
        private Node ParsePredicate()
        {
            Expect('[');
            string? name = null, value = null;
            do
            {
                SkipSpace();
                if (TryLiteral("@Name")) { Expect('='); name = ParseString(); }
                else if (TryLiteral("@Value")) { Expect('='); value = ParseString(); }
                else throw Fail("expected @Name or @Value");
            } while (TryWord("and"));
            Expect(']');
            return new Item(name, value);
        }

        private string ParseString()
        {
            SkipSpace();
            if (_i >= text.Length || (text[_i] != '"' && text[_i] != '\'')) throw Fail("expected a quoted string");
            var quote = text[_i++];
            var end = text.IndexOf(quote, _i);
            if (end < 0) throw Fail("unterminated string");
            var value = text[_i..end];
            _i = end + 1;
            return value;
        }

        public void ExpectEnd()
        {
            SkipSpace();
            if (_i != text.Length) throw Fail("unexpected text");
        }

        private void SkipSpace() { while (_i < text.Length && char.IsWhiteSpace(text[_i])) _i++; }

        private bool TryChar(char c)
        {
            SkipSpace();
            if (_i < text.Length && text[_i] == c) { _i++; return true; }
            return false;
        }

        private void Expect(char c) { if (!TryChar(c)) throw Fail($"expected '{c}'"); }

        private bool TryLiteral(string literal)
        {
            SkipSpace();
            if (string.CompareOrdinal(text, _i, literal, 0, literal.Length) != 0) return false;
            _i += literal.Length;
            return true;
        }

        private bool TryWord(string word)
        {
            var start = _i;
            if (!TryLiteral(word)) return false;
            if (_i < text.Length && char.IsLetterOrDigit(text[_i])) { _i = start; return false; }
            return true;
        }

        private SoapFaultException Fail(string why) =>
            new(FaultCode.Sender, $"invalid message content expression '{EchoedText.Quote(text)}' at {_i}: {why}", "ter:InvalidArgVal", "wsnt:InvalidMessageContentExpressionFault");
    }
}
