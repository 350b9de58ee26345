using Camlab.Opf.Json;
using Camlab.Opf.Validation;
using Camlab.Testing.Fuzz;

namespace Camlab.Opf.Tests.Fuzz;

/// <summary>Fuzz target: the OPF reader and validator. Every mutated document is validated (errors with JSON pointers) or refused as not JSON / not UTF-8, never another exception.</summary>
public sealed class OpfFuzzTests
{
    [Fact]
    public void Mutated_documents_are_validated_or_refused_as_syntax()
    {
        string[] tokens = ["{", "}", "[", "]", "\"id\":", "18446744073709551616", "-0", "1e999", "null", "\"\\ud800\"", "\"\\u0000\"",
            "\"type\": \"fisheye\"", "\"type\": \"spherical\"", "\"crs\":", "\"time\": \"2026-13-45T99:00:00\"", ",", "\"sensors\": []", "NaN"];
        new Fuzzer([TestDocuments.SpecExample], tokens).Run(seed: 2002, input =>
        {
            try
            {
                var result = OpfValidator.Validate(input);
                Assert.All(result.Errors, e => Assert.NotNull(e.Pointer));
            }
            catch (OpfSyntaxException e)
            {
                Assert.True(e.LineNumber >= 1);
            }
        });
    }
}
