namespace Camlab.Onvif.Soap;

/// <summary>
/// The namespaces Camlab reads and writes, with the prefixes the envelope writer declares once on
/// <c>env:Envelope</c> so that operation handlers can write <c>tt:</c>, <c>tptz:</c>... without redeclaring.
/// </summary>
public static class OnvifNamespaces
{
    public const string Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    public const string Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string Schema = "http://www.onvif.org/ver10/schema";           // tt
    public const string Error = "http://www.onvif.org/ver10/error";             // ter
    public const string Device = "http://www.onvif.org/ver10/device/wsdl";      // tds
    public const string Media = "http://www.onvif.org/ver10/media/wsdl";        // trt
    public const string Media2 = "http://www.onvif.org/ver20/media/wsdl";       // tr2
    public const string Ptz = "http://www.onvif.org/ver20/ptz/wsdl";            // tptz
    public const string Imaging = "http://www.onvif.org/ver20/imaging/wsdl";    // timg
    public const string Events = "http://www.onvif.org/ver10/events/wsdl";      // tev
    public const string Topics = "http://www.onvif.org/ver10/topics";           // tns1
    public const string BaseNotification = "http://docs.oasis-open.org/wsn/b-2"; // wsnt
    public const string WsTopic = "http://docs.oasis-open.org/wsn/t-1";          // wstop
    public const string Addressing = "http://www.w3.org/2005/08/addressing";     // wsa
    public const string WsSecurity = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public const string WsUtility = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    public const string ResourceWsdl = "http://docs.oasis-open.org/wsrf/rw-2";     // wsrf (ResourceUnknownFault)
    public const string XmlSchemaInstance = "http://www.w3.org/2001/XMLSchema-instance";
    public const string XmlSchema = "http://www.w3.org/2001/XMLSchema";

    /// <summary>Prefix → namespace: the prefixes responses use (see <see cref="SoapEnvelopeWriter"/> for which are declared where).</summary>
    public static readonly IReadOnlyList<(string Prefix, string Namespace)> Declared =
    [
        ("env", Soap12), ("ter", Error), ("tt", Schema), ("tds", Device), ("trt", Media), ("tptz", Ptz),
        ("timg", Imaging), ("tev", Events), ("tns1", Topics), ("wsnt", BaseNotification), ("wstop", WsTopic),
        ("wsa", Addressing), ("wsrf", ResourceWsdl), ("xs", XmlSchema), ("xsi", XmlSchemaInstance),
        ("tr2", Media2),
    ];

    /// <summary>Index of <paramref name="ns"/> in <see cref="Declared"/>, or -1.</summary>
    public static int IndexOf(string ns)
    {
        for (var i = 0; i < Declared.Count; i++)
            if (ReferenceEquals(Declared[i].Namespace, ns) || Declared[i].Namespace == ns) return i;
        return -1;
    }
}
