using System.Xml;
using Camlab.Device.Events;
using Camlab.Onvif.Ptz.Tours;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Events;

/// <summary>Writes one wsnt:NotificationMessage carrying a tt:Message (ONVIF core 9.2 "Notification structure").</summary>
public static class NotificationWriter
{
    /// <param name="subscriptionAddress">For Notify (push): the subscription's address, as wsnt:SubscriptionReference.</param>
    public static void Write(XmlWriter w, EventMessage message, string? subscriptionAddress = null)
    {
        w.Start(OnvifNamespaces.BaseNotification, "NotificationMessage");
        if (subscriptionAddress is not null)
        {
            w.Start(OnvifNamespaces.BaseNotification, "SubscriptionReference");
            w.Element(OnvifNamespaces.Addressing, "Address", subscriptionAddress);
            w.End();
        }
        w.Start(OnvifNamespaces.BaseNotification, "Topic");
        w.Attr("Dialect", TopicFilter.ConcreteSetDialect);
        w.WriteString("tns1:" + message.Topic);
        w.End();
        w.Start(OnvifNamespaces.BaseNotification, "Message");
        w.Start(OnvifNamespaces.Schema, "Message");
        w.Attr("UtcTime", OnvifXml.DateTime(message.UtcTime));
        if (message.Operation is { } operation) w.Attr("PropertyOperation", operation.ToString());
        WriteItems(w, "Source", message.Source);
        if (message.Key is { Count: > 0 } key) WriteItems(w, "Key", key);
        WriteItems(w, "Data", message.Data, message.DataElements);
        w.End();
        w.End();
        w.End();
    }

    private static void WriteItems(XmlWriter w, string name, IReadOnlyList<SimpleItem> items, IReadOnlyList<ElementItem>? elements = null)
    {
        w.Start(OnvifNamespaces.Schema, name);
        foreach (var item in items)
        {
            w.Start(OnvifNamespaces.Schema, "SimpleItem");
            w.Attr("Name", item.Name);
            w.Attr("Value", item.Value);
            w.End();
        }
        // tt:ItemList: every SimpleItem, then every ElementItem. An element whose value no writer knows is left
        // out rather than sent empty (ElementItem content is required); only preset tours publish elements today.
        foreach (var element in elements ?? [])
            PresetTourXml.TryWriteElementItem(w, element);
        w.End();
    }
}
