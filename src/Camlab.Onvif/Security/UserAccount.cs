using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Security;

/// <summary>One ONVIF user (tt:User): name, password and user level.</summary>
public sealed record UserAccount(string Name, string Password, UserLevel Level);

/// <summary>Who may log in; the transport asks it for a user's password and level.</summary>
public interface IUserDirectory
{
    UserAccount? Find(string name);
}
