using Camlab.Rendering;
using Camlab.Rendering.Imaging;

namespace Camlab.Server.Streaming;

/// <summary>
/// A view state whose privacy masks can be replaced at run time (<see cref="Privacy.CameraPrivacyMasks"/> keeps
/// the configured and persisted masks and pushes them here); what it answers from
/// <see cref="ICameraViewState.PrivacyMasks"/> is blacked out from the next rendered frame on.
/// </summary>
public interface IPrivacyMaskTarget
{
    void SetPrivacyMasks(string sourceToken, IReadOnlyList<PrivacyMask> masks);
}
