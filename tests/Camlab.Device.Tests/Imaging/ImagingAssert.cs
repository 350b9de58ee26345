using Camlab.Device.Imaging;
using Xunit;

namespace Camlab.Device.Tests.Imaging;

/// <summary>Asserts that an imaging call is refused with one <see cref="ImagingError"/>.</summary>
internal static class ImagingAssert
{
    public static ImagingException Throws(ImagingError error, Action action)
    {
        var ex = Assert.Throws<ImagingException>(action);
        Assert.Equal(error, ex.Error);
        return ex;
    }

    public static ImagingException Throws(ImagingError error, Func<object?> action)
    {
        var ex = Assert.Throws<ImagingException>(action);
        Assert.Equal(error, ex.Error);
        return ex;
    }
}
