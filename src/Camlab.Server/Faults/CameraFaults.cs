using Camlab.Device.Events;
using Camlab.Device.Faults;
using Camlab.Device.IO;
using Camlab.Device.Ptz;
using Camlab.Onvif.Events;
using Camlab.Server.Hosting;
using Camlab.Server.Imaging;

namespace Camlab.Server.Faults;

/// <summary>One fault as GET <c>/api/v1/cameras/{n}/faults</c> lists it; <see cref="State"/> is active, pending or ended.</summary>
public sealed record FaultEntry(string Name, string Target, string Kind, string Instruction, string State, DateTimeOffset SetAt, DateTimeOffset? NextChange);

/// <summary>Everything the camera's fault switch reports: Imaging conditions and focus motors, and the scheduled faults.</summary>
public sealed record CameraFaultReport(IReadOnlyList<FaultState> Conditions, IReadOnlyList<FocusMotorFault> FocusMotors, IReadOnlyList<FaultEntry> Faults);

/// <summary>
/// The one fault switch of a camera, shared by the configuration (<c>faults</c>, and its older name
/// <c>forcedConditions</c>), the CLI (<c>--fault</c>/<c>--force</c>), the HTTP API and the console (docs/faults.md).
/// It takes three families of instruction: the Imaging ones (<c>VideoSource_1/ImageTooDark=true</c>,
/// <c>VideoSource_1/FocusMotor=…</c>, applied by the Imaging part's <see cref="FaultSwitch"/>), DeviceIO inputs
/// (<c>DigitalInput_1=true</c>), and the scheduled faults (<c>TARGET/KIND=on;…</c>: PTZ kinds on a node token, network
/// kinds on a service path segment or <c>onvif</c>, video kinds on a video source token, event kinds on
/// <c>event_service</c>, recorder kinds on <c>recorder</c> or a profile token) that a <see cref="FaultScheduler"/> on the
/// camera clock begins and ends; an Imaging instruction with <c>after</c>/<c>for</c>/<c>every</c> goes through the same
/// scheduler. Each begin and end of a scheduled fault is published on the camera's event bus as <c>tns1:Camlab/Fault</c>.
/// </summary>
public sealed class CameraFaults : IDisposable
{
    /// <summary>The Camlab topic of fault begins and ends: Source Name and Kind, Data State (true while active).</summary>
    public const string Topic = "Camlab/Fault";

    /// <summary>The network kinds (target: a service path segment, or <see cref="EveryService"/>).</summary>
    public static readonly IReadOnlyList<string> NetworkKinds = ["Latency", "Failure", "Unresponsive"];

    /// <summary>The target of a network fault that hits every service.</summary>
    public const string EveryService = "onvif";

    private readonly SimulatedCamera _camera;
    private readonly FaultScheduler _scheduler;

    public CameraFaults(SimulatedCamera camera, Random random)
    {
        _camera = camera;
        _scheduler = new FaultScheduler(camera.Time);
        Network = new SoapNetworkFaults(camera.Time, random);
        Video = new VideoFaults(random);
        Recorder = new RecorderFaults();
        camera.Topics.Add(new TopicDescription(Topic, true, [new("Name", "xs:string"), new("Kind", "xs:string")], [new("State", "xs:boolean")]));
        _scheduler.Changed += (fault, active) => camera.Events.Publish(new EventMessage(Topic, camera.Time.GetUtcNow(),
            [new SimpleItem("Name", fault.Name), new SimpleItem("Kind", fault.Kind)],
            [new SimpleItem("State", active ? "true" : "false")], PropertyOperation.Changed));
    }

    /// <summary>The video faults every render loop of the camera applies.</summary>
    public VideoFaults Video { get; }

    /// <summary>The recorder faults the camera's recorders and live streams apply.</summary>
    public RecorderFaults Recorder { get; }

    /// <summary>The network faults the SOAP HTTP endpoint applies.</summary>
    public SoapNetworkFaults Network { get; }

    /// <summary>The scheduled kind <paramref name="text"/> names, spelled canonically; null for an Imaging or DeviceIO instruction.</summary>
    public static string? ScheduledKind(string text) =>
        FaultInstruction.KindOf(text) is { } kind
            ? PtzFaultInstructions.Kinds.Concat(NetworkKinds).Concat(VideoFault.Kinds).Concat(EventFault.Kinds).Concat(RecorderFault.Kinds).FirstOrDefault(k => k.Equals(kind, StringComparison.OrdinalIgnoreCase))
            : null;

    /// <summary>Checks the spelling and parameters of an instruction without a camera (configuration and CLI, before start-up).</summary>
    /// <exception cref="FaultInstructionException">The instruction is wrong; the message says where.</exception>
    public static void CheckSyntax(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            if (CameraIo.NamesAnInput(text)) CameraIo.ParseInput(text, SimulatedCamera.DigitalInputTokens);
            else if (ScheduledKind(text) is { } kind) Build(FaultInstruction.Parse(text), kind, target: null);
            else
            {
                var (head, schedule) = FaultInstruction.SplitSchedule(text);
                FaultSwitch.CheckSyntax(head);
                if (schedule is not null && ReleasesImaging(head)) throw new FormatException(ReleaseTakesNoSchedule(text));
            }
        }
        catch (Exception e) when (e is FormatException or IoException) { throw new FaultInstructionException(e.Message, e); }
    }

    /// <summary>Applies every instruction or, when one is wrong, none (the exception's Index names the first wrong one).</summary>
    /// <exception cref="FaultInstructionException">An instruction is wrong; nothing changed.</exception>
    public void ApplyAll(IReadOnlyList<string> texts)
    {
        var actions = new List<Action>();
        var inputs = new List<string>();
        for (var i = 0; i < texts.Count; i++)
        {
            try
            {
                if (CameraIo.NamesAnInput(texts[i]))
                {
                    _camera.Io.Parse([texts[i]]);
                    inputs.Add(texts[i]);
                }
                else actions.Add(Prepare(texts[i]));
            }
            catch (Exception e) when (e is FaultInstructionException or FormatException or IoException)
            {
                throw new FaultInstructionException(e.Message, e) { Index = i };
            }
        }
        var parsedInputs = _camera.Io.Parse(inputs);
        foreach (var action in actions) action();
        _camera.Io.Apply(parsedInputs);
    }

    /// <summary>Removes every scheduled fault and releases every Imaging condition and focus motor.</summary>
    public void ClearAll()
    {
        _scheduler.Clear();
        _camera.Imaging.Faults.ClearAll();
    }

    public CameraFaultReport Snapshot()
    {
        var imaging = _camera.Imaging.Faults.Snapshot();
        var faults = _scheduler.Snapshot()
            .Select(f => new FaultEntry(f.Name, f.Target, f.Kind, f.Instruction, f.State.ToString().ToLowerInvariant(), f.SetAt, f.NextChange))
            .ToList();
        return new CameraFaultReport(imaging.Conditions, imaging.FocusMotors, faults);
    }

    /// <summary>Ends every fault first: a request an unresponsive service holds is released rather than left to the client's timeout.</summary>
    public void Dispose()
    {
        _scheduler.Clear();
        _scheduler.Dispose();
    }

    /// <summary>
    /// True when the instruction goes through this switch's scheduler rather than straight to the Imaging part: every
    /// <c>TARGET/KIND=on</c> kind, and an Imaging instruction with a schedule (<c>after</c>, <c>for</c>, <c>every</c>).
    /// </summary>
    public static bool IsScheduled(string text)
    {
        if (ScheduledKind(text) is not null) return true;
        try { return FaultInstruction.SplitSchedule(text).Schedule is not null; }
        catch (FormatException) { return true; } // its error is reported where scheduled instructions are applied
    }

    private static bool ReleasesImaging(string head) =>
        head[(head.IndexOf('=') + 1)..].Trim().ToLowerInvariant() is "auto" or "clear";

    private static string ReleaseTakesNoSchedule(string text) =>
        $"'{text}': after: auto releases at once and takes no schedule (after, for and every schedule a forced state or a focus motor error)";

    /// <summary>
    /// An Imaging instruction (<c>VideoSource_1/ImageTooDark=true</c>, <c>VideoSource_1/FocusMotor=…</c>): without a
    /// schedule it applies at once (and replaces a scheduled one of the same name); with one, the scheduler forces the
    /// state or stalls the motor when it begins and releases it (auto) when it ends, publishing both as tns1:Camlab/Fault.
    /// </summary>
    private Action PrepareImaging(string text)
    {
        var (head, schedule) = FaultInstruction.SplitSchedule(text);
        var (name, apply, release, releases) = _camera.Imaging.Faults.PrepareNamed(head);
        if (schedule is null)
            return () =>
            {
                _scheduler.Remove(name);
                apply();
            };
        if (releases) throw new FormatException(ReleaseTakesNoSchedule(text));
        var slash = name.IndexOf('/');
        var instruction = FaultInstruction.Scheduled(text, name[..slash], name[(slash + 1)..], schedule);
        return () => _scheduler.Set(name, instruction, apply, release);
    }

    private Action Prepare(string text)
    {
        if (ScheduledKind(text) is not { } kind) return PrepareImaging(text);
        var instruction = FaultInstruction.Parse(text);
        var (target, begin, end, suffix) = Bind(instruction, kind);
        var name = $"{target}/{kind}";
        if (instruction.Clears)
            return () =>
            {
                foreach (var listed in _scheduler.Snapshot().Where(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase)
                                                                     || f.Name.StartsWith(name + "/", StringComparison.OrdinalIgnoreCase)))
                    _scheduler.Remove(listed.Name);
            };
        return () => _scheduler.Set(name + suffix, instruction, begin, end);
    }

    /// <summary>Resolves the target on this camera and builds the fault: the canonical target, its begin and end, and the name suffix (the operation).</summary>
    private (string Target, Action Begin, Action End, string Suffix) Bind(FaultInstruction instruction, string kind)
    {
        if (PtzFaultInstructions.Kinds.Contains(kind))
        {
            var node = _camera.Ptz.Device.FindNode(instruction.Target)
                ?? throw new FormatException($"'{instruction.Text}': target: no PTZ node '{instruction.Target}' (nodes: {string.Join(", ", _camera.Ptz.Device.Nodes.Select(n => n.Token))})");
            if (instruction.Clears) return (node.Token, () => { }, () => { }, "");
            var fault = (PtzFault)Build(instruction, kind, null);
            return (node.Token, () => node.Inject(fault), () => node.Release(fault), "");
        }
        if (VideoFault.Kinds.Contains(kind))
        {
            var source = _camera.Media.VideoSources.FirstOrDefault(s => s.Token == instruction.Target)?.Token
                ?? throw new FormatException($"'{instruction.Text}': target: no video source '{instruction.Target}' (sources: {string.Join(", ", _camera.Media.VideoSources.Select(s => s.Token))})");
            if (instruction.Clears) return (source, () => { }, () => { }, "");
            var video = (VideoFault)Build(instruction, kind, source);
            return (source, () => Video.Begin(video), () => Video.End(video), "");
        }
        if (EventFault.Kinds.Contains(kind))
        {
            var events = _camera.EventsService.PathSegment;
            if (!instruction.Target.Equals(events, StringComparison.OrdinalIgnoreCase))
                throw new FormatException($"'{instruction.Text}': target: {kind} acts on the event service: give {events}");
            if (instruction.Clears) return (events, () => { }, () => { }, "");
            var fault = (EventFault)Build(instruction, kind, events);
            return (events, () => _camera.EventFaults.Begin(fault), () => _camera.EventFaults.End(fault), fault.TopicPath is { } topic ? "/" + topic : "");
        }
        if (RecorderFault.Kinds.Contains(kind))
        {
            string? profile = null;
            if (!instruction.Target.Equals(RecorderFault.EveryProfile, StringComparison.OrdinalIgnoreCase))
            {
                profile = _camera.Media.Profiles.FirstOrDefault(p => p.Token == instruction.Target)?.Token
                    ?? throw new FormatException($"'{instruction.Text}': target: no media profile '{instruction.Target}' (give {RecorderFault.EveryProfile} or one of {string.Join(", ", _camera.Media.Profiles.Select(p => p.Token))})");
            }
            var recorderTarget = profile ?? RecorderFault.EveryProfile;
            if (instruction.Clears) return (recorderTarget, () => { }, () => { }, "");
            var failure = (RecorderFault)Build(instruction, kind, profile);
            return (recorderTarget, () => Recorder.Begin(failure), () => Recorder.End(failure), "");
        }
        string? service = null;
        if (!instruction.Target.Equals(EveryService, StringComparison.OrdinalIgnoreCase))
        {
            service = _camera.Services.Services.FirstOrDefault(s => s.PathSegment.Equals(instruction.Target, StringComparison.OrdinalIgnoreCase))?.PathSegment
                ?? throw new FormatException($"'{instruction.Text}': target: no service '{instruction.Target}' (give {EveryService} or one of {string.Join(", ", _camera.Services.Services.Select(s => s.PathSegment))})");
        }
        var target = service ?? EveryService;
        if (instruction.Clears) return (target, () => { }, () => { }, "");
        var network = (NetworkFault)Build(instruction, kind, service);
        return (target, () => Network.Begin(network), () => Network.End(network), network.Operation is { } op ? "/" + op : "");
    }

    /// <param name="target">The resolved service path segment (network kinds) or video source token (video kinds); null when only checking.</param>
    private static object Build(FaultInstruction instruction, string kind, string? target)
    {
        if (instruction.Clears) return new object();
        return (object?)PtzFaultInstructions.From(instruction, kind) ?? NetworkFault.From(instruction, kind, target)
            ?? (object?)VideoFault.From(instruction, kind, target ?? instruction.Target)
            ?? (object?)EventFault.From(instruction, kind)
            ?? RecorderFault.From(instruction, kind, target)
            ?? throw new FormatException($"'{instruction.Text}': kind '{kind}' is not known");
    }
}
