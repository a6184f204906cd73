using Microsoft.Extensions.Logging.Abstractions;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Engine.Services;
using RouterOS.Engine.Services.Pppoe;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Services;

/// <summary>
/// A helper program that is not installed fails its service, which says which program and where it
/// was looked for, and keeps trying; nothing escapes to stop the engine. Nothing is started here:
/// the programs are looked for in an empty directory.
/// </summary>
public sealed class MissingProgramTests : IDisposable
{
    private readonly ProgramDirectory _empty = new();
    private readonly string _state = Directory.CreateTempSubdirectory("routeros-missing-program-test-").FullName;

    public void Dispose()
    {
        _empty.Dispose();
        Directory.Delete(_state, recursive: true);
    }

    [Fact]
    public async Task A_dhcp_client_without_busybox_reports_failed_with_the_program_and_the_directories()
    {
        var client = new UplinkDhcpClient(new DhcpClient(InterfaceName.Parse("wan0")), null, Path.Combine(_state, "hook.sh"), "router",
            TimeProvider.System, NullLogger.Instance, (_, _, _) => throw new InvalidOperationException("no lease can come"), _empty.Programs);
        await using (client)
        {
            client.Start();

            await Poll.UntilAsync(() => client.State == UplinkState.Failed, "the DHCP client reports failed");

            Assert.Contains($"busybox is not installed: it is in none of {_empty.Path}", client.Failure, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_pppoe_uplink_without_pppd_says_so_and_keeps_trying()
    {
        var uplink = new PppoeUplink(InterfaceName.Parse("ppp-wan"), InterfaceName.Parse("wan0"), PlainText.Parse("alice"), Secret.Parse("secret"), RetryHoldoffSeconds: 0);
        _empty.Install("sh");
        _empty.Install("mount");
        var session = new PppoeSession(uplink, null, _state, TimeProvider.System, NullLogger.Instance, (_, _, _) => Task.CompletedTask, _empty.Programs);
        await using (session)
        {
            session.Start();

            await Poll.UntilAsync(() => session.Reconnects >= 1 && session.Failure is not null, "the session reports the failure and tries again");

            Assert.StartsWith("pppd cannot be started: pppd is not installed", session.Failure!.Message, StringComparison.Ordinal);
            Assert.Contains(_empty.Path, session.Failure.Message, StringComparison.Ordinal);
            Assert.Null(session.Link);
        }
    }

    [Fact]
    public async Task The_lan_services_without_dnsmasq_say_so()
    {
        var config = Configs.Parse("""
            {
              "schemaVersion": 1,
              "ports": [ { "name": "lan0" } ],
              "addresses": [ { "device": "lan0", "address": "192.168.7.1/24" } ],
              "dhcp": { "servers": [ { "device": "lan0", "rangeStart": "192.168.7.100", "rangeEnd": "192.168.7.150" } ] }
            }
            """);
        await using var lan = new LanServices(null, _state, TimeProvider.System, NullLogger.Instance, _empty.Programs);

        await lan.ApplyAsync(config);

        await Poll.UntilAsync(() => lan.LastError is not null, "dnsmasq's failure is reported");
        Assert.StartsWith("dnsmasq cannot be started: dnsmasq is not installed", lan.LastError, StringComparison.Ordinal);
    }
}
