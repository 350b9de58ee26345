namespace Camlab.Onvif.Soap;

/// <summary>
/// The services one camera serves. The transport dispatches through it (namespace + local name of the first
/// Body element), the host maps <c>/onvif/&lt;PathSegment&gt;</c> through it, and GetServices/GetCapabilities
/// list exactly what it holds — so nothing unregistered is ever advertised.
/// </summary>
public sealed class OnvifServiceSet
{
    private readonly object _gate = new();
    private IOnvifService[] _services = [];
    private Dictionary<(string Namespace, string Name), SoapOperation> _operations = new();

    public IReadOnlyList<IOnvifService> Services => Volatile.Read(ref _services);

    public void Add(IOnvifService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_gate)
        {
            if (_services.Any(s => s.Namespace == service.Namespace))
                throw new InvalidOperationException($"a service for {service.Namespace} is already registered");
            if (_services.Any(s => s.PathSegment == service.PathSegment))
                throw new InvalidOperationException($"path segment '{service.PathSegment}' is already used");
            var operations = new Dictionary<(string, string), SoapOperation>(_operations);
            foreach (var operation in service.Operations) operations.Add((operation.Namespace ?? service.Namespace, operation.Name), operation);
            _operations = operations;
            Volatile.Write(ref _services, [.. _services, service]);
        }
    }

    public SoapOperation? FindOperation(string ns, string name) =>
        Volatile.Read(ref _operations).GetValueOrDefault((ns, name));

    public IOnvifService? FindByNamespace(string ns) => Services.FirstOrDefault(s => s.Namespace == ns);

    public IOnvifService? FindByPathSegment(string segment) => Services.FirstOrDefault(s => s.PathSegment == segment);
}
