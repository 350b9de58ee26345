using Camlab.Device.Events;
using Camlab.Device.Ptz;
using Camlab.Server.State;

// Usage: Camlab.Ptz.CrashHelper <data directory> <round>
// Prints "ACK <token> <name>" once SetPreset has returned (acknowledged = durably written); runs until killed
// (or until the node is full, which the test never lets happen).
if (args.Length != 2) { Console.Error.WriteLine("usage: <data directory> <round>"); return 2; }
var store = new FileStateStore(args[0]);
using var device = PtzDevice.CreateDefault(TimeProvider.System, store, new EventBus());
var dome = device.FindNode("PtzNode_1")!;
for (var i = 0; ; i++)
{
    var name = $"r{args[1]}-{i}";
    var token = dome.SetPreset(null, name);
    Console.WriteLine($"ACK {token} {name}");
}
