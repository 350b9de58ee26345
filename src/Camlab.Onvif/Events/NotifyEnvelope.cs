using System.Xml;
using Camlab.Device.Events;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Events;

/// <summary>
/// The wsnt:Notify message a push subscription sends its consumer (WS-BaseNotification 3.2, ONVIF core 9.3):
/// a SOAP 1.2 envelope addressed (wsa:To) to the consumer, with the subscription reference as wsnt:SubscriptionReference
/// of every message so a consumer with several subscriptions can tell them apart.
/// </summary>
public static class NotifyEnvelope
{
    public const string Action = "http://docs.oasis-open.org/wsn/bw-2/NotificationConsumer/Notify";

    public static byte[] Create(Uri consumer, string subscriptionAddress, IReadOnlyList<EventMessage> messages)
    {
        using var stream = new MemoryStream();
        using (var w = SoapEnvelopeWriter.Create(stream))
        {
            SoapEnvelopeWriter.WriteStart(w, h =>
            {
                h.Element(OnvifNamespaces.Addressing, "Action", Action);
                h.Element(OnvifNamespaces.Addressing, "To", consumer.AbsoluteUri);
            });
            w.Start(OnvifNamespaces.BaseNotification, "Notify");
            foreach (var message in messages) NotificationWriter.Write(w, message, subscriptionAddress);
            w.End();
            SoapEnvelopeWriter.WriteEnd(w);
        }
        return stream.ToArray();
    }
}
