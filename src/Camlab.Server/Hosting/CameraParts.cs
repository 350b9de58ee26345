using Camlab.Onvif.Media;
using Camlab.Server.Imaging;
using Camlab.Server.Optics;
using Camlab.Server.Privacy;
using Camlab.Server.Ptz;
using Camlab.Server.Streaming;

namespace Camlab.Server.Hosting;

/// <summary>
/// How the parts of one camera are made, listed in the order <see cref="SimulatedCamera"/>'s constructor builds them:
/// each step receives the camera with its device core and every part listed before it.
/// </summary>
public sealed record CameraParts(
    CameraOptics Optics,
    CameraPlacement Placement,
    Func<SimulatedCamera, CameraPtz> Ptz,
    Func<SimulatedCamera, CameraImagingPart> Imaging,
    Func<SimulatedCamera, Faults.CameraFaults> Faults,
    Func<SimulatedCamera, ICameraViewState> ViewState,
    Func<SimulatedCamera, IVideoAnalysisReporter> AnalysisReporter,
    Func<SimulatedCamera, CameraPrivacyMasks?> PrivacyMasks,
    Func<SimulatedCamera, IStreamUris?> StreamUris,
    Func<SimulatedCamera, CameraVideo?> Video);
