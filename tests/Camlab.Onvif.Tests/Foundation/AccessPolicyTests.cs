using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Tests.Foundation;

public class AccessPolicyTests
{
    // ONVIF core 5.9.4.3, default access policy: one row per user level, one column per access class.
    [Theory]
    [InlineData(UserLevel.Administrator, AccessClass.Unrecoverable, true)]
    [InlineData(UserLevel.Administrator, AccessClass.ReadSystemSecret, true)]
    [InlineData(UserLevel.Operator, AccessClass.Actuate, true)]
    [InlineData(UserLevel.Operator, AccessClass.ReadSystemSensitive, true)]
    [InlineData(UserLevel.Operator, AccessClass.ReadSystemSecret, false)]
    [InlineData(UserLevel.Operator, AccessClass.WriteSystem, false)]
    [InlineData(UserLevel.Operator, AccessClass.Unrecoverable, false)]
    [InlineData(UserLevel.User, AccessClass.ReadMedia, true)]
    [InlineData(UserLevel.User, AccessClass.ReadSystem, true)]
    [InlineData(UserLevel.User, AccessClass.Actuate, false)]
    [InlineData(UserLevel.User, AccessClass.ReadSystemSensitive, false)]
    [InlineData(UserLevel.Anonymous, AccessClass.PreAuth, true)]
    [InlineData(UserLevel.Anonymous, AccessClass.ReadSystem, false)]
    public void Default_policy(UserLevel level, AccessClass access, bool allowed) =>
        Assert.Equal(allowed, AccessPolicy.Allows(level, access));
}
