using Camlab.Device.Events;
using Camlab.Onvif.Events;
using Camlab.Onvif.Security;
using Camlab.Onvif.Soap;
using Microsoft.Extensions.Logging;

namespace Camlab.Server.Hosting;

/// <summary>
/// Announces a failed-login lockout (<see cref="AuthenticationThrottle"/>) on the camera's event bus and in the log.
/// ONVIF defines no topic for it, so it is a Camlab topic in the topic tree the camera serves:
/// <c>tns1:Camlab/AuthenticationLockout</c>, Source <c>Kind</c> ("address" or "user") and <c>Key</c>, Data
/// <c>Failures</c> and <c>Until</c>.
/// </summary>
internal static class AuthenticationLockoutEvents
{
    public const string Topic = "Camlab/AuthenticationLockout";

    public static void Attach(SimulatedCamera camera, ILogger log)
    {
        camera.Topics.Add(new TopicDescription(Topic, false,
            [new("Kind", "xs:string"), new("Key", "xs:string")],
            [new("Failures", "xs:int"), new("Until", "xs:dateTime")]));
        camera.Endpoint.Http.Throttle.LockedOut += lockout =>
        {
            log.LogWarning("camera {Camera}: {Kind} '{Key}' locked out until {Until} after {Failures} failed authentications",
                camera.Number, lockout.Kind, EchoedText.Quote(lockout.Key, 64), OnvifXml.DateTime(lockout.Until), lockout.Failures);
            camera.Events.Publish(new EventMessage(Topic, camera.Time.GetUtcNow(),
                [new SimpleItem("Kind", lockout.Kind), new SimpleItem("Key", lockout.Key)],
                [new SimpleItem("Failures", OnvifXml.Int(lockout.Failures)), new SimpleItem("Until", OnvifXml.DateTime(lockout.Until))]));
        };
    }
}
