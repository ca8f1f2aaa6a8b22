using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "province-warnings")
{
    return await Baton.Benchmarks.Warnings.ProvinceWarningsHarness.RunAsync(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
