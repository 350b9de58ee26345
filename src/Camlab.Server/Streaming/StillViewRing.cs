using Camlab.Rendering.Encoding;
using Camlab.Rendering.H264;

namespace Camlab.Server.Streaming;

/// <summary>
/// The encoded pictures of one still view that a render loop sends again instead of rendering and encoding anew
/// (docs/streaming.md, "Still views"). The ring fills with the loop's own consecutive frames of one
/// <see cref="StillView"/>, each rendered with its own noise seed, so replaying it in order keeps the sensor noise real:
/// K different noise patterns in turn.
/// <list type="bullet">
/// <item>JPEG: every picture decodes alone, so any K consecutive frames form a ring (<see cref="JpegLength"/>).</item>
/// <item>H.264: a P-frame decodes only after the frames it references, so the ring is one whole GOP — an IDR and the
/// GovLength − 1 P-frames after it, encoded in order. Replayed in order, every P-frame follows exactly the frame it
/// was encoded against; the IDR that starts each turn resets the decoder (frame_num and POC restart, H.264 8.2.1), so
/// the replayed stream is the valid GOP sequence the encoder itself would produce. A ring restarts at every IDR while
/// it fills, so it never spans two GOPs; GovLength 1 (only IDRs: two consecutive IDRs would repeat one idr_pic_id,
/// H.264 7.4.3) and GOPs over <see cref="MaxH264Length"/> frames are not reused.</item>
/// </list>
/// A turn of at most <see cref="MaxBurst"/> pictures is rendered and encoded at once (<see cref="Fill"/>), with an encoder
/// made for it and released after it, so a camera whose view is still holds no encoder and no frame buffers, only its
/// encoded pictures. A longer turn (a live H.264 GOP) fills from the loop's consecutive frames (<see cref="Collect"/>).
/// A view whose only change from the ring's is its OSD text (a clock OSD: once a second) is a turn of one picture for
/// JPEG: one render and encode per text, sent for every frame until the text changes again, so the noise changes with
/// each text. H.264 has no such turn (an IDR may not follow itself, H.264 7.4.3): its GOP is rendered again.
/// Thread-safe: the encode thread collects pictures in frame order, the loop's thread asks whether the ring is
/// complete for the view it is about to render and takes the next picture.
/// </summary>
internal sealed class StillViewRing
{
    /// <summary>JPEG pictures kept per still view: enough distinct noise that a viewer sees no repeating pattern at a glance.</summary>
    public const int JpegLength = 8;

    /// <summary>The longest H.264 GOP kept (its pictures stay in memory while the view is still).</summary>
    public const int MaxH264Length = 250;

    /// <summary>
    /// The longest turn rendered at once (<see cref="Fill"/>): the JPEG ring and the recorder's GOP (5 frames at 5 fps).
    /// At 1080p a turn of this length takes a few hundred milliseconds of one render thread; a longer one (25 frames of
    /// a live 25 fps GOP) fills frame by frame instead, so its viewers see no pause.
    /// </summary>
    public const int MaxBurst = 8;

    private readonly object _gate = new();
    private readonly List<EncodedPicture> _pictures;
    private readonly bool _interFrame;
    private StillView? _view;
    private int _turn;
    private int _next;

    private StillViewRing(int length, bool interFrame)
    {
        Length = length;
        _turn = length;
        _interFrame = interFrame;
        _pictures = new List<EncodedPicture>(length);
    }

    /// <summary>Pictures per turn of the ring for a view that is not just a new OSD text.</summary>
    public int Length { get; }

    /// <summary>The ring for a render key's codec, or null when its pictures cannot be reused.</summary>
    public static StillViewRing? For(RenderKey key) => key.Codec switch
    {
        VideoCodec.Jpeg => new StillViewRing(JpegLength, interFrame: false),
        VideoCodec.H264 when key.H264 is { GovLength: >= 2 and <= MaxH264Length } h => new StillViewRing(h.GovLength, interFrame: true),
        _ => null,
    };

    /// <summary>
    /// Pictures in a turn of <paramref name="view"/>: one for a JPEG view that differs from the ring's only in its OSD
    /// text (a clock OSD's next second), else <see cref="Length"/>.
    /// </summary>
    public int TurnFor(StillView view)
    {
        lock (_gate) return !_interFrame && _view is not null && view.DiffersOnlyInText(_view) ? 1 : Length;
    }

    /// <summary>
    /// Takes a whole turn of <paramref name="view"/> rendered at once; the first picture is sent now (by the caller), so
    /// the ring goes on with the second.
    /// </summary>
    public void Fill(StillView view, IReadOnlyList<EncodedPicture> pictures)
    {
        if (pictures.Count == 0) throw new ArgumentException("a turn holds at least one picture", nameof(pictures));
        lock (_gate)
        {
            _pictures.Clear();
            _pictures.AddRange(pictures);
            _view = view;
            _turn = pictures.Count;
            _next = 1 % pictures.Count;
        }
    }

    /// <summary>
    /// Takes the picture the loop just encoded, in frame order, with the still view it shows (null: a view that is not
    /// still — moving objects, a lost connection). A different view empties the ring.
    /// </summary>
    public void Collect(StillView? view, EncodedPicture picture)
    {
        lock (_gate)
        {
            if (view is null || !view.Equals(_view))
            {
                _pictures.Clear();
                _turn = !_interFrame && view is not null && _view is not null && view.DiffersOnlyInText(_view) ? 1 : Length;
                _view = view;
                _next = 0;
            }
            if (view is null || _pictures.Count == _turn) return;
            if (_interFrame)
            {
                // A ring starts at an IDR and holds one GOP: a later IDR starts it again.
                if (picture.IsKeyFrame) _pictures.Clear();
                else if (_pictures.Count == 0) return;
            }
            _pictures.Add(picture);
        }
    }

    /// <summary>True when the ring holds a whole turn of <paramref name="view"/>.</summary>
    public bool IsComplete(StillView view)
    {
        lock (_gate) return _pictures.Count == _turn && view.Equals(_view);
    }

    /// <summary>
    /// The next picture of the complete ring, in order; <paramref name="keyFrame"/> goes back to its first picture (the
    /// IDR of an H.264 ring; any JPEG picture is a key frame anyway).
    /// </summary>
    public EncodedPicture Next(bool keyFrame)
    {
        lock (_gate)
        {
            if (_pictures.Count != _turn || _turn == 0) throw new InvalidOperationException("the ring is not complete");
            if (keyFrame && _interFrame) _next = 0;
            var picture = _pictures[_next];
            _next = (_next + 1) % _turn;
            return picture;
        }
    }

    /// <summary>Forgets the pictures (the view changed or the loop's encoder restarts).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _pictures.Clear();
            _view = null;
            _turn = Length;
            _next = 0;
        }
    }
}
