using System.Xml;
using Camlab.Device.Ptz.Tours;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Ptz.Tours;

/// <summary>
/// The preset tour operations of the PTZ service (PTZ 5.8.1–5.8.7) as SOAP operations the PTZ service adds to its
/// list. Handlers are stateless: the profile resolves to its node's <see cref="PresetTourEngine"/>, which holds
/// the tours. A profile whose node has no tour engine (MaximumNumberOfPresetTours = 0) answers
/// ter:ActionNotSupported.
/// </summary>
public static class PresetTourOperations
{
    public static IReadOnlyList<SoapOperation> Create(PtzProfileResolver<PresetTourEngine> resolve)
    {
        ArgumentNullException.ThrowIfNull(resolve);

        PresetTourEngine Engine(SoapRequest request)
        {
            var profile = request.Body.RequiredToken("ProfileToken");
            return resolve.ResolveOrFault(profile, () => new SoapFaultException(FaultCode.Receiver,
                $"the PTZ node of profile '{profile}' has no preset tours", "ter:ActionNotSupported"));
        }

        return
        [
            new("GetPresetTours", AccessClass.ReadMedia, (request, response) =>
            {
                var tours = Engine(request).GetPresetTours();
                response.WriteStartElement("GetPresetToursResponse", OnvifNamespaces.Ptz);
                foreach (var tour in tours) PresetTourXml.WritePresetTour(response, tour);
                response.WriteEndElement();
            }),
            new("GetPresetTour", AccessClass.ReadMedia, (request, response) =>
            {
                var engine = Engine(request);
                var tour = Domain(() => engine.GetPresetTour(request.Body.RequiredToken("PresetTourToken")));
                response.WriteStartElement("GetPresetTourResponse", OnvifNamespaces.Ptz);
                PresetTourXml.WritePresetTour(response, tour);
                response.WriteEndElement();
            }),
            new("GetPresetTourOptions", AccessClass.ReadMedia, (request, response) =>
            {
                var engine = Engine(request);
                // The options are the node's; a given token must still name one of its tours.
                if (request.Body.ChildToken("PresetTourToken") is { Length: > 0 } token) Domain(() => engine.GetPresetTour(token));
                response.WriteStartElement("GetPresetTourOptionsResponse", OnvifNamespaces.Ptz);
                PresetTourXml.WriteOptions(response, engine.Options, engine.Mechanism);
                response.WriteEndElement();
            }),
            new("CreatePresetTour", AccessClass.Actuate, (request, response) =>
            {
                var engine = Engine(request);
                var token = Domain(engine.CreatePresetTour);
                response.WriteStartElement("CreatePresetTourResponse", OnvifNamespaces.Ptz);
                response.WriteElementString("PresetTourToken", OnvifNamespaces.Ptz, token);
                response.WriteEndElement();
            }),
            new("ModifyPresetTour", AccessClass.Actuate, (request, response) =>
            {
                var engine = Engine(request);
                var tour = PresetTourXml.ReadPresetTour(request.Body.RequiredChild("PresetTour"));
                Domain(() => engine.ModifyPresetTour(tour));
                response.WriteElementString("ModifyPresetTourResponse", OnvifNamespaces.Ptz, null);
            }),
            new("OperatePresetTour", AccessClass.Actuate, (request, response) =>
            {
                var engine = Engine(request);
                var token = request.Body.RequiredToken("PresetTourToken");
                var operation = request.Body.RequiredText("Operation") switch
                {
                    "Start" => PresetTourOperation.Start,
                    "Stop" => PresetTourOperation.Stop,
                    "Pause" => PresetTourOperation.Pause,
                    var text => throw OnvifFaults.InvalidArgs($"Operation '{text}' is not Start, Stop or Pause"),
                };
                Domain(() => engine.OperatePresetTour(token, operation));
                response.WriteElementString("OperatePresetTourResponse", OnvifNamespaces.Ptz, null);
            }),
            new("RemovePresetTour", AccessClass.Actuate, (request, response) =>
            {
                var engine = Engine(request);
                Domain(() => engine.RemovePresetTour(request.Body.RequiredToken("PresetTourToken")));
                response.WriteElementString("RemovePresetTourResponse", OnvifNamespaces.Ptz, null);
            }),
        ];
    }

    /// <summary>PTZ 5.8 fault tables: the domain's refusal as its SOAP fault.</summary>
    public static SoapFaultException ToFault(PresetTourException e) => e.Fault switch
    {
        // PTZ 5.8.6 lists ActivationFailed under env:Receiver.
        PresetTourFault.ActivationFailed => new SoapFaultException(FaultCode.Receiver, e.Message, "ter:InvalidArgVal", "ter:ActivationFailed"),
        var fault => OnvifFaults.InvalidArgVal(fault.ToString(), e.Message),
    };

    private static T Domain<T>(Func<T> action)
    {
        try { return action(); }
        catch (PresetTourException e) { throw ToFault(e); }
    }

    private static void Domain(Action action) => Domain(() => { action(); return 0; });
}
