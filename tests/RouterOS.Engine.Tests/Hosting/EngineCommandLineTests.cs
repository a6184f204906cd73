using RouterOS.Engine.Hosting;

namespace RouterOS.Engine.Tests.Hosting;

/// <summary>
/// The engine's command line is read strictly: the engine takes over the namespace it runs in, so
/// anything it does not understand must stop it before it starts instead of serving on the
/// machine's own namespace with the defaults.
/// </summary>
public sealed class EngineCommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    [InlineData("--netns", "lab", "--help")]
    [InlineData("probe", "--help")]
    public void Asking_for_help_is_help_and_never_serving(params string[] args)
    {
        Assert.Equal(EngineCommand.Help, EngineCommandLine.Parse(args).Command);
    }

    [Theory]
    [InlineData("unknown option '--netnss'", "--netnss", "lab")]
    [InlineData("unknown option '--verbose'", "--netns", "lab", "--verbose", "1")]
    [InlineData("unknown command 'serve'", "serve")]
    [InlineData("unknown option '--socket' for probe", "probe", "--socket", "/run/x.sock")]
    [InlineData("--netns needs a value", "--netns")]
    [InlineData("--netns needs a value", "--netns", "--socket", "/run/x.sock")]
    [InlineData("--netns is given twice", "--netns", "a", "--netns", "b")]
    [InlineData("--reconcile-seconds takes a whole number above 0, not 'soon'", "--reconcile-seconds", "soon")]
    [InlineData("--flow-interval-ms takes a whole number above 0, not '0'", "--flow-interval-ms", "0")]
    [InlineData("--max-bundle-mb takes a whole number above 0, not '-5'", "--max-bundle-mb", "-5")]
    [InlineData("--max-bundle-mb takes a whole number above 0, not '99999999999'", "--max-bundle-mb", "99999999999")]
    public void A_word_the_engine_does_not_know_is_refused_with_what_was_wrong(string expected, params string[] args)
    {
        var refused = Assert.Throws<EngineUsageException>(() => EngineCommandLine.Parse(args));
        Assert.Equal(expected, refused.Message);
    }

    [Fact]
    public void Serving_takes_every_option_it_documents()
    {
        var commandLine = EngineCommandLine.Parse(["--netns", "ros-router", "--socket", "/run/r/e.sock", "--state", "/data/engine",
            "--group", "routeros", "--reconcile-seconds", "30", "--flow-interval-ms", "500", "--data-root", "/data",
            "--rauc-conf", "/etc/rauc/system.conf", "--max-bundle-mb", "64"]);

        Assert.Equal(EngineCommand.Serve, commandLine.Command);
        var options = commandLine.Options;
        Assert.Equal(("ros-router", "/run/r/e.sock", "/data/engine", "routeros"), (options.Namespace, options.SocketPath, options.StateDirectory, options.SocketGroup));
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500)), (options.ReconcileInterval, options.FlowInterval));
        Assert.Equal(("/data", "/etc/rauc/system.conf", 64L * 1024 * 1024), (options.DataRoot, options.RaucSystemConf, options.MaxBundleBytes));
    }

    [Fact]
    public void Every_option_the_usage_gives_for_serving_is_taken()
    {
        var serving = EngineCommandLine.Usage[..EngineCommandLine.Usage.IndexOf("RouterOS.Engine probe", StringComparison.Ordinal)];
        var options = serving.Split(' ', '[', ']', '\n').Where(word => word.StartsWith("--", StringComparison.Ordinal)).ToArray();

        Assert.Equal(9, options.Length);
        foreach (var option in options)
        {
            Assert.Equal(EngineCommand.Serve, EngineCommandLine.Parse([option, "7"]).Command);
        }
    }

    [Fact]
    public void No_words_serve_the_engines_own_namespace_with_the_defaults()
    {
        var commandLine = EngineCommandLine.Parse([]);

        Assert.Equal(EngineCommand.Serve, commandLine.Command);
        Assert.Null(commandLine.Options.Namespace);
        Assert.Equal(EngineOptions.DefaultSocket, commandLine.Options.SocketPath);
    }

    [Fact]
    public void Probe_takes_the_namespace()
    {
        var commandLine = EngineCommandLine.Parse(["probe", "--netns", "ros-router"]);

        Assert.Equal((EngineCommand.Probe, "ros-router"), (commandLine.Command, commandLine.Options.Namespace));
    }

    [Fact]
    public void System_hands_its_words_to_the_console_and_keeps_the_socket()
    {
        var commandLine = EngineCommandLine.Parse(["system", "factory-reset", "--yes", "--socket", "/run/r/e.sock"]);

        Assert.Equal(EngineCommand.System, commandLine.Command);
        Assert.Equal(["factory-reset", "--yes", "--socket", "/run/r/e.sock"], commandLine.Rest);
        Assert.Equal("/run/r/e.sock", commandLine.Options.SocketPath);
    }
}
