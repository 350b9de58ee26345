using Camlab.VideoChannel;

namespace Camlab.Recording;

/// <summary>
/// What the recorder keeps of a frame besides its payload, time, key flag and motion: the facts its live video
/// channel headers carried, so that the played-back frame is the frame that was live. Stored in the frame's index
/// entry (format version 2); the privacy mask text itself is stored in the data file just before the payload.
/// </summary>
/// <param name="DataType">The payload's codec as a video channel stream info DataType (<see cref="StreamDataType"/>).</param>
/// <param name="Size">Source size, crop and output size (video channel 0x01).</param>
/// <param name="Location">Where the camera stands, when known.</param>
/// <param name="PrivacyMaskLength">Bytes of privacy mask text before the payload (0: no mask in force).</param>
public readonly record struct FrameFacts(
    uint DataType,
    SizeInfo Size,
    double PanDeg,
    double TiltDeg,
    double HorizontalFovDeg,
    double AzimuthDeg,
    GeoPoint? Location,
    int PrivacyMaskLength = 0);

/// <summary>A WGS 84 position: latitude and longitude in degrees, altitude in metres.</summary>
public readonly record struct GeoPoint(double LatitudeDeg, double LongitudeDeg, double AltitudeM);
