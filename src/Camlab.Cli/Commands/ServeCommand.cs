using System.CommandLine;

namespace Camlab.Cli.Commands;

public static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Start the camera (ONVIF device, PTZ, imaging, video) on 127.0.0.1.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("camlab serve: the ONVIF server is not built yet (issue #4).");
            return 3;
        });
        return command;
    }
}
