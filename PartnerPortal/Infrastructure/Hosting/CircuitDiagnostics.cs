using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace PartnerPortal.Infrastructure.Hosting;

/// <summary>
/// Figures for the circuit benchmark (<c>bench/PartnerPortal.Bench.Circuits</c>), answered on
/// <c>GET /_bench/circuits</c> only when <c>Portal:BenchDiagnostics</c> is true (never set outside the bench):
/// the live managed heap after a full GC, the process CPU time, open circuits, errors logged, and the
/// server-side duration of event handling from ASP.NET Core's Blazor meter. <c>POST /_bench/circuits/reset</c>
/// starts a new measurement window.
/// </summary>
public sealed class CircuitDiagnostics : IDisposable
{
    public const string EnabledKey = "Portal:BenchDiagnostics";
    private const string Path = "/_bench/circuits";

    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private List<double> _eventMs = [];
    private int _circuits;
    private long _errors;

    public CircuitDiagnostics()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Microsoft.AspNetCore.Components" && instrument.Name.Contains("event", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) =>
        {
            lock (_lock)
            {
                _eventMs.Add(seconds * 1000);
            }
        });
        _listener.Start();
    }

    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddSingleton<CircuitDiagnostics>();
        services.AddScoped<CircuitHandler, CountingCircuitHandler>();
        services.AddSingleton<ILoggerProvider, ErrorCountingLoggerProvider>();
        services.AddSingleton<IStartupFilter, StartupFilter>();
        return services;
    }

    private object Read(bool collect)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
        long heap = 0;
        if (collect)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            heap = GC.GetTotalMemory(forceFullCollection: true);
        }

        double[] events;
        lock (_lock)
        {
            events = [.. _eventMs];
        }

        Array.Sort(events);
        return new
        {
            heapBytes = heap,
            cpuMs = cpu,
            circuits = Volatile.Read(ref _circuits),
            errors = Interlocked.Read(ref _errors),
            events = events.Length,
            eventP50Ms = Percentile(events, 0.50),
            eventP95Ms = Percentile(events, 0.95),
            eventMaxMs = events.Length == 0 ? 0 : events[^1],
        };
    }

    private void Reset()
    {
        lock (_lock)
        {
            _eventMs = [];
        }
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    public void Dispose() => _listener.Dispose();

    private sealed class CountingCircuitHandler(CircuitDiagnostics diagnostics) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref diagnostics._circuits);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref diagnostics._circuits);
            return Task.CompletedTask;
        }
    }

    private sealed class ErrorCountingLoggerProvider(IServiceProvider services) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(services);

        public void Dispose()
        {
        }

        private sealed class Logger(IServiceProvider services) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    Interlocked.Increment(ref services.GetRequiredService<CircuitDiagnostics>()._errors);
                }
            }
        }
    }

    private sealed class StartupFilter(CircuitDiagnostics diagnostics) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (!context.Request.Path.StartsWithSegments(Path, out var rest))
                {
                    await nextMiddleware(context);
                    return;
                }

                if (HttpMethods.IsPost(context.Request.Method) && rest == "/reset")
                {
                    diagnostics.Reset();
                    context.Response.StatusCode = StatusCodes.Status204NoContent;
                    return;
                }

                await context.Response.WriteAsJsonAsync(diagnostics.Read(context.Request.Query["gc"] == "1"));
            });
            next(app);
        };
    }
}
