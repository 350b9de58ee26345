using System.Xml.Linq;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Tests.Foundation;

public class XmlRequestExtensionsTests
{
    private static readonly XElement Request = XElement.Parse("""
        <tptz:ContinuousMove xmlns:tptz="http://www.onvif.org/ver20/ptz/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema">
          <tptz:Timeout>PT1.5S</tptz:Timeout>
          <ProfileToken>Profile_1</ProfileToken>
          <tptz:Velocity><tt:PanTilt x="0.5" y="-INF"/></tptz:Velocity>
          <Bad>abc</Bad>
        </tptz:ContinuousMove>
        """);

    [Fact]
    public void Children_match_by_local_name_in_any_namespace_and_order()
    {
        Assert.Equal("Profile_1", Request.RequiredText("ProfileToken"));
        Assert.Equal(TimeSpan.FromSeconds(1.5), Request.ChildDuration("Timeout"));
        var panTilt = Request.RequiredChild("Velocity").RequiredChild("PanTilt");
        Assert.Equal(0.5f, panTilt.AttrFloat("x"));
        Assert.Equal(float.NegativeInfinity, panTilt.AttrFloat("y"));
        Assert.Null(panTilt.AttrFloat("space"));
    }

    [Fact]
    public void Missing_or_unreadable_values_are_InvalidArgs_faults()
    {
        var missing = Assert.Throws<SoapFaultException>(() => Request.RequiredChild("Speed"));
        Assert.Equal(FaultCode.Sender, missing.Code);
        Assert.Equal(["ter:InvalidArgs"], missing.Subcodes);
        Assert.Contains("Speed", missing.Reason);

        Assert.Throws<SoapFaultException>(() => Request.ChildFloat("Bad"));
        Assert.Throws<SoapFaultException>(() => Request.ChildDuration("Bad"));
        Assert.Throws<SoapFaultException>(() => Request.ChildBool("Bad"));
    }

    [Fact]
    public void Service_fault_helpers_nest_the_subcodes_as_the_spec_writes_them()
    {
        var fault = OnvifFaults.InvalidArgVal("NoProfile", "no such profile");
        Assert.Equal(FaultCode.Sender, fault.Code);
        Assert.Equal(["ter:InvalidArgVal", "ter:NoProfile"], fault.Subcodes);
    }
}
