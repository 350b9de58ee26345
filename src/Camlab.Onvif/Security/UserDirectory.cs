using System.Text.Json;
using Camlab.Device.State;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Security;

/// <summary>
/// A camera's users (ONVIF core 8.4.x: GetUsers, CreateUsers, DeleteUsers, SetUser), persisted as one state
/// document. Users that come from the configuration or the command line are fixed: the device API can read
/// them but not change or delete them (ter:FixedUser), so the operator's own login can never be locked out.
/// Every change is validated completely before anything is applied.
/// </summary>
public sealed class UserDirectory : IUserDirectory
{
    public const string DocumentName = "device/users.json";
    public const int MaxUsers = 32;
    public const int MaxUserNameLength = 32;
    public const int MaxPasswordLength = 64;

    private readonly object _gate = new();
    private readonly IStateStore _store;
    private readonly IReadOnlyList<UserAccount> _fixed;
    private List<UserAccount> _created = new();

    public UserDirectory(IStateStore store, IEnumerable<UserAccount> fixedUsers)
    {
        _store = store;
        _fixed = fixedUsers.ToList();
        Reload();
    }

    /// <summary>Re-reads the persisted users (on start and on SystemReboot).</summary>
    public void Reload()
    {
        var text = _store.Read(DocumentName);
        var loaded = new List<UserAccount>();
        if (text is not null)
        {
            var stored = JsonSerializer.Deserialize<List<StoredUser>>(text) ?? [];
            foreach (var user in stored)
                if (Enum.TryParse<UserLevel>(user.Level, out var level) && !IsFixed(user.Name))
                    loaded.Add(new UserAccount(user.Name, user.Password, level));
        }
        lock (_gate) _created = loaded;
    }

    public IReadOnlyList<UserAccount> All
    {
        get { lock (_gate) return [.. _fixed, .. _created]; }
    }

    public bool IsFixed(string name) => _fixed.Any(u => u.Name == name);

    public UserAccount? Find(string name)
    {
        lock (_gate) return _fixed.FirstOrDefault(u => u.Name == name) ?? _created.FirstOrDefault(u => u.Name == name);
    }

    public void Create(IReadOnlyList<UserAccount> users)
    {
        lock (_gate)
        {
            var names = new HashSet<string>(All.Select(u => u.Name), StringComparer.Ordinal);
            foreach (var user in users)
            {
                CheckName(user.Name);
                CheckPassword(user.Password);
                CheckLevel(user.Level);
                if (!names.Add(user.Name)) throw OnvifFaults.OperationProhibited("UsernameClash", $"user '{user.Name}' already exists");
            }
            if (names.Count > MaxUsers) throw OnvifFaults.Action("TooManyUsers", $"at most {MaxUsers} users are supported");
            Save([.. _created, .. users]);
        }
    }

    public void Delete(IReadOnlyList<string> names)
    {
        lock (_gate)
        {
            foreach (var name in names)
            {
                if (IsFixed(name)) throw OnvifFaults.InvalidArgVal("FixedUser", $"user '{name}' comes from the configuration and cannot be deleted");
                if (_created.All(u => u.Name != name)) throw OnvifFaults.InvalidArgVal("UsernameMissing", $"no user '{name}'");
            }
            Save(_created.Where(u => !names.Contains(u.Name)).ToList());
        }
    }

    public void Set(IReadOnlyList<UserAccount> users)
    {
        lock (_gate)
        {
            foreach (var user in users)
            {
                if (IsFixed(user.Name)) throw OnvifFaults.OperationProhibited("FixedUser", $"user '{user.Name}' comes from the configuration and cannot be changed");
                if (_created.All(u => u.Name != user.Name)) throw OnvifFaults.InvalidArgVal("UsernameMissing", $"no user '{user.Name}'");
                CheckPassword(user.Password);
                CheckLevel(user.Level);
            }
            Save(_created.Select(existing => users.LastOrDefault(u => u.Name == existing.Name) ?? existing).ToList());
        }
    }

    private void Save(List<UserAccount> created)
    {
        var json = JsonSerializer.Serialize(created.Select(u => new StoredUser(u.Name, u.Password, u.Level.ToString())).ToList());
        _store.Write(DocumentName, json);
        _created = created;
    }

    private static void CheckName(string name)
    {
        if (name.Length == 0) throw OnvifFaults.OperationProhibited("UsernameTooShort", "the user name is empty");
        if (name.Length > MaxUserNameLength) throw OnvifFaults.OperationProhibited("UsernameTooLong", $"user names are at most {MaxUserNameLength} characters");
        if (name.Any(c => char.IsControl(c) || c == ':'))
            throw OnvifFaults.InvalidArgs("user names may not contain control characters or ':'");
    }

    private static void CheckPassword(string password)
    {
        if (password.Length > MaxPasswordLength) throw OnvifFaults.OperationProhibited("PasswordTooLong", $"passwords are at most {MaxPasswordLength} characters");
        if (password.Length == 0) throw OnvifFaults.OperationProhibited("PasswordTooWeak", "the password is empty");
    }

    private static void CheckLevel(UserLevel level)
    {
        if (level == UserLevel.Anonymous) throw OnvifFaults.OperationProhibited("AnonymousNotAllowed", "users with level Anonymous are not supported");
    }

    private sealed record StoredUser(string Name, string Password, string Level);
}
