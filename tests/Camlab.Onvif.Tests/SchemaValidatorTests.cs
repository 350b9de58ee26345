using Camlab.Testing;

namespace Camlab.Onvif.Tests;

public class SchemaValidatorTests
{
    private const string Head = "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\" xmlns:tt=\"http://www.onvif.org/ver10/schema\"><env:Body>";
    private const string Tail = "</env:Body></env:Envelope>";

    [RequiresSharedFact]
    public void Compiles_the_official_set()
    {
        var set = OnvifSchemaValidator.Schemas;
        Assert.True(set.IsCompiled);
        Assert.Contains(set.GlobalElements.Names.Cast<System.Xml.XmlQualifiedName>(), n => n.Name == "GetStatusResponse" && n.Namespace == "http://www.onvif.org/ver20/ptz/wsdl");
    }

    [RequiresSharedFact]
    public void Accepts_a_valid_response()
    {
        OnvifSchemaValidator.AssertValid(Head + "<tds:GetHostnameResponse><tds:HostnameInformation><tt:FromDHCP>false</tt:FromDHCP><tt:Name>cam</tt:Name></tds:HostnameInformation></tds:GetHostnameResponse>" + Tail);
    }

    [RequiresSharedFact]
    public void Reports_a_missing_required_element()
    {
        var errors = OnvifSchemaValidator.Validate(Head + "<tds:GetHostnameResponse><tds:HostnameInformation><tt:Name>cam</tt:Name></tds:HostnameInformation></tds:GetHostnameResponse>" + Tail);
        Assert.NotEmpty(errors);
    }

    [RequiresSharedFact]
    public void Reports_an_undeclared_body_element_instead_of_skipping_it()
    {
        var errors = OnvifSchemaValidator.Validate(Head + "<tds:GetHostnameAnswer/>" + Tail);
        Assert.Contains(errors, e => e.Contains("GetHostnameAnswer"));
    }

    [RequiresSharedFact]
    public void Accepts_a_soap_fault()
    {
        OnvifSchemaValidator.AssertValid("<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:ter=\"http://www.onvif.org/ver10/error\"><env:Body><env:Fault><env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value>ter:InvalidArgVal</env:Value></env:Subcode></env:Code><env:Reason><env:Text xml:lang=\"en\">bad</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>");
    }
}
