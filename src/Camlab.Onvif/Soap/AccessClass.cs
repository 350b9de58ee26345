namespace Camlab.Onvif.Soap;

/// <summary>ONVIF core specification 5.9.4, "Access classes for service requests".</summary>
public enum AccessClass
{
    PreAuth,
    ReadSystem,
    ReadSystemSensitive,
    ReadSystemSecret,
    WriteSystem,
    Unrecoverable,
    ReadMedia,
    Actuate,
}

/// <summary>ONVIF user levels (tt:UserLevel); Anonymous is a caller that did not authenticate.</summary>
public enum UserLevel { Administrator, Operator, User, Anonymous }

public static class AccessPolicy
{
    /// <summary>
    /// The default access policy of the core specification (5.9.4.3): Administrator may do everything;
    /// Operator everything but READ_SYSTEM_SECRET, WRITE_SYSTEM and UNRECOVERABLE; User only PRE_AUTH,
    /// READ_SYSTEM and READ_MEDIA; Anonymous only PRE_AUTH.
    /// </summary>
    public static bool Allows(UserLevel level, AccessClass access) => level switch
    {
        UserLevel.Administrator => true,
        UserLevel.Operator => access is not (AccessClass.ReadSystemSecret or AccessClass.WriteSystem or AccessClass.Unrecoverable),
        UserLevel.User => access is AccessClass.PreAuth or AccessClass.ReadSystem or AccessClass.ReadMedia,
        _ => access is AccessClass.PreAuth,
    };
}
