using Camlab.Rtsp.Media;
using Camlab.Rtsp.Server;

namespace Camlab.Rtsp.Tests;

public class SessionFrameQueueTests
{
    private static RtspFrame Frame(int n, bool key) => new(new byte[] { (byte)n }, key, DateTimeOffset.UnixEpoch.AddMilliseconds(n));

    [Fact]
    public async Task AFullQueueDropsEverythingUpToTheNextKeyFrameWhenFramesDependOnEachOther()
    {
        var queue = new SessionFrameQueue(capacity: 2, everyFrameIsKey: false);
        queue.Enqueue(Frame(0, key: false)); // before any key frame: dropped
        queue.Enqueue(Frame(1, key: true));
        queue.Enqueue(Frame(2, key: false));
        queue.Enqueue(Frame(3, key: false)); // full: 1 and 2 dropped, and 3 depends on them
        queue.Enqueue(Frame(4, key: false));
        queue.Enqueue(Frame(5, key: true));
        queue.Enqueue(Frame(6, key: false));
        Assert.Equal(5, (await queue.DequeueAsync(default)).Payload.Span[0]);
        Assert.Equal(6, (await queue.DequeueAsync(default)).Payload.Span[0]);
        Assert.Equal(5, queue.Dropped);
    }

    [Fact]
    public async Task JpegFramesAreEachIndependentSoOnlyTheQueuedOnesGo()
    {
        var queue = new SessionFrameQueue(capacity: 2, everyFrameIsKey: true);
        for (var n = 0; n < 5; n++) queue.Enqueue(Frame(n, key: true));
        Assert.Equal(4, (await queue.DequeueAsync(default)).Payload.Span[0]);
        Assert.Equal(4, queue.Dropped);
    }
}
