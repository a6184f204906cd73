using System.Runtime.CompilerServices;
using Bunit;

namespace RouterOS.Dashboard.Tests.Support;

/// <summary>
/// bUnit's waits end as soon as their condition holds, so a long timeout costs a passing test
/// nothing; its default (one second) failed a test when the machine was busy (the suite beside
/// stress-ng on every core: the dispatcher never got to run the check in time).
/// </summary>
internal static class WaitSetup
{
    [ModuleInitializer]
    internal static void AllowBusyMachines() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(30);
}
