using Camlab.Device.Faults;
using Camlab.VideoChannel;

namespace Camlab.Server.Faults;

/// <summary>
/// A failing edge recorder (target: <c>recorder</c> for every recorded profile of the camera, or one profile token).
/// While it acts the recorder refuses every frame (nothing is appended; playback shows the gap as RangeNoData) and every
/// live video channel frame of the camera carries the protocol's live flag (DiskFull 64 or DatabaseFail 32).
/// </summary>
public abstract record RecorderFault(string? Profile)
{
    /// <summary>The recording disk is full.</summary>
    public sealed record DiskFull(string? Profile) : RecorderFault(Profile);

    /// <summary>The recording database fails (the index cannot be written).</summary>
    public sealed record DatabaseFail(string? Profile) : RecorderFault(Profile);

    /// <summary>The target of a recorder fault that hits every recorded profile of the camera.</summary>
    public const string EveryProfile = "recorder";

    public static readonly IReadOnlyList<string> Kinds = ["DiskFull", "DatabaseFail"];

    /// <summary>The live flag the fault sets on the camera's live frames.</summary>
    public LiveFlags Flag => this is DiskFull ? LiveFlags.DiskFull : LiveFlags.DatabaseFail;

    /// <summary>Why a recorder refuses frames, as its log line says it.</summary>
    public string Reason => this is DiskFull ? "the recording disk is full" : "the recording database fails";

    public bool Hits(string profile) => Profile is null || Profile == profile;

    /// <param name="profile">The resolved profile token; null for <see cref="EveryProfile"/>.</param>
    /// <exception cref="FormatException">A parameter is wrong; the message names it.</exception>
    public static RecorderFault? From(FaultInstruction instruction, string kind, string? profile)
    {
        RecorderFault? fault = kind switch
        {
            "DiskFull" => new DiskFull(profile),
            "DatabaseFail" => new DatabaseFail(profile),
            _ => null,
        };
        if (fault is not null) instruction.Parameters.RefuseUnread(kind);
        return fault;
    }
}

/// <summary>
/// The recorder faults acting on one camera: each <see cref="Recording.ProfileRecorder"/> asks before it appends a frame,
/// and each live stream adds <see cref="Flags"/> to its frames (one volatile read while none acts).
/// </summary>
public sealed class RecorderFaults
{
    private readonly object _gate = new();
    private readonly List<RecorderFault> _active = new();
    private volatile RecorderFault[] _snapshot = [];

    public void Begin(RecorderFault fault)
    {
        lock (_gate)
        {
            _active.Add(fault);
            _snapshot = [.. _active];
        }
    }

    public void End(RecorderFault fault)
    {
        lock (_gate)
        {
            _active.RemoveAll(f => ReferenceEquals(f, fault));
            _snapshot = [.. _active];
        }
    }

    /// <summary>The fault that makes the recorder of <paramref name="profile"/> refuse frames now; null when it records.</summary>
    public RecorderFault? Refusal(string profile)
    {
        foreach (var fault in _snapshot)
            if (fault.Hits(profile)) return fault;
        return null;
    }

    /// <summary>The live flags (DiskFull, DatabaseFail) the camera's live frames carry now.</summary>
    public LiveFlags Flags
    {
        get
        {
            LiveFlags flags = 0;
            foreach (var fault in _snapshot) flags |= fault.Flag;
            return flags;
        }
    }
}
