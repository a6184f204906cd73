using System.Diagnostics;
using System.Globalization;
using RouterOS.KernelScenarios;

// Runs in the full-kernel VM (firmware/vm), as root. Usage:
//   RouterOS.KernelScenarios --list                        the scenario names, one per line
//   RouterOS.KernelScenarios ENGINE_DLL RESULTS_FILE [PREFIX...]
//                                                          run them all (or those whose names start with a PREFIX,
//                                                          e.g. "12" while working on one); RESULTS_FILE gets "pass|fail NAME" lines
if (args is ["--list"])
{
    foreach (var scenario in Scenarios.All)
    {
        Console.WriteLine(scenario.Name);
    }
    return 0;
}
if (args is not [var engineDll, var resultsFile, .. var prefixes])
{
    Console.Error.WriteLine("usage: RouterOS.KernelScenarios --list | ENGINE_DLL RESULTS_FILE [PREFIX...]");
    return 2;
}

var total = Stopwatch.StartNew();
await using var results = new StreamWriter(resultsFile) { AutoFlush = true };
Lab.Build();
Traffic.StartServers();
Engine engine;
try
{
    engine = await Engine.StartAsync(engineDll);
}
catch (ScenarioFailure failure)
{
    Console.WriteLine($"FAIL engine start: {failure.Message}");
    return 1;
}
Console.WriteLine($"engine up after {total.Elapsed.TotalSeconds:F1} s");
var failed = 0;
var ran = 0;
await using (engine)
{
    foreach (var scenario in Scenarios.All.Where(scenario => prefixes.Length == 0 || prefixes.Any(prefix => scenario.Name.StartsWith(prefix, StringComparison.Ordinal))))
    {
        var clock = Stopwatch.StartNew();
        ran++;
        Console.WriteLine($"----- {scenario.Name}");
        try
        {
            // A scenario that hangs fails with the diagnostics below instead of taking the VM's whole deadline.
            await scenario.RunAsync(engine).WaitAsync(ScenarioDeadline);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PASS {scenario.Name} ({clock.Elapsed.TotalSeconds:F1} s)"));
            await results.WriteLineAsync($"pass {scenario.Name}");
        }
        catch (Exception exception) when (exception is ScenarioFailure or Grpc.Core.RpcException or InvalidOperationException or System.Text.Json.JsonException or TimeoutException)
        {
            failed++;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FAIL {scenario.Name} ({clock.Elapsed.TotalSeconds:F1} s)"));
            Console.WriteLine(exception.Message);
            Console.WriteLine(Lab.Diagnostics());
            Console.WriteLine("--- the engine's flows:");
            Console.WriteLine(engine.FlowsText());
            Console.WriteLine("--- the engine's log (last lines):");
            Console.WriteLine(engine.LogTail());
            await results.WriteLineAsync($"fail {scenario.Name}");
        }
    }
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"full-kernel scenarios: {ran - failed} passed, {failed} failed in {total.Elapsed.TotalSeconds:F0} s"));
return failed == 0 ? 0 : 1;

internal static partial class Program
{
    private static readonly TimeSpan ScenarioDeadline = TimeSpan.FromMinutes(4);
}
