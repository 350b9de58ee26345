using System.Collections.Concurrent;

namespace Camlab.Rendering;

/// <summary>
/// Where rendering and encoding run, apart from everything else: a fixed set of dedicated threads (one per core) that
/// take work in arrival order. Video therefore never occupies the .NET thread pool that Kestrel serves requests on (a
/// pool starved by render loops blocked on their encodes queues every request behind frames), so a request waits only for a core, never for frames: control answers before video.
/// Concurrency is bounded by the thread count, so the work queued beyond it waits (and render loops merge ticks,
/// counting the frames they drop) instead of adding threads. Tasks may wait for other tasks of this scheduler: a
/// waited-for task that has not started runs inline on the waiting thread.
/// </summary>
/// <remarks>
/// Looked for: a framework scheduler with dedicated threads — <c>ConcurrentExclusiveSchedulerPair</c> bounds
/// concurrency but runs on the thread pool; hence this small scheduler. The threads keep the process's priority: a
/// lower one (nice) would also yield to every other process on a shared machine, starving video there.
/// </remarks>
public sealed class RenderScheduler : TaskScheduler, IDisposable
{
    private static readonly Lazy<RenderScheduler> LazyShared = new(() => new RenderScheduler(Environment.ProcessorCount, "camlab-render"));

    private readonly BlockingCollection<Task> _queue = new(new ConcurrentQueue<Task>());
    private readonly Thread[] _threads;

    /// <summary>The process's render scheduler: one thread per logical processor.</summary>
    public static RenderScheduler Shared => LazyShared.Value;

    public RenderScheduler(int threads, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _threads = new Thread[threads];
        for (int i = 0; i < threads; i++)
        {
            _threads[i] = new Thread(Run) { IsBackground = true, Name = $"{name}-{i + 1}" };
            _threads[i].Start();
        }
    }

    public override int MaximumConcurrencyLevel => _threads.Length;

    /// <summary>Tasks waiting for a thread.</summary>
    public int Queued => _queue.Count;

    private void Run()
    {
        try
        {
            foreach (var task in _queue.GetConsumingEnumerable()) TryExecuteTask(task);
        }
        catch (ObjectDisposedException) { }
    }

    protected override void QueueTask(Task task) => _queue.Add(task);

    // A thread waiting for a task of ours that has not started runs it itself: a render thread waiting for an encode never
    // deadlocks the threads, and a request thread whose Parallel.For waits for a replica queued behind frames runs it
    // (it finds the loop's work done) instead of waiting behind video.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    public void Dispose() => _queue.CompleteAdding();
}
