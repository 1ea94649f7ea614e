package dev.weft.bench.report;

import static dev.weft.bench.report.Direction.HIGHER;
import static dev.weft.bench.report.Direction.LOWER;
import static dev.weft.bench.report.Rows.row;
import static dev.weft.bench.report.Target.figure;
import static dev.weft.bench.report.Target.none;

import java.util.List;

/** Part of {@link Rows}: the control plane's rows. */
final class RpcRows {

    static final List<Row> ROWS = List.of(
            // rpc: throughput in requests per millisecond (20 = 20,000/s), latency in ms
            row(
                    "rpc",
                    "framework_get_reactors requests, 1 client",
                    "bare UNIX-socket echo",
                    "rpc.RpcRequestBenchmark.request method=framework_get_reactors mode=thrpt",
                    "rpc.RpcRequestBenchmark.request method=raw_echo mode=thrpt",
                    HIGHER,
                    figure(20)),
            row(
                    "rpc",
                    "framework_get_reactors requests, 16 clients",
                    "bare UNIX-socket echo",
                    "rpc.RpcRequestBenchmark.request method=framework_get_reactors mode=thrpt threads=16",
                    "rpc.RpcRequestBenchmark.request method=raw_echo mode=thrpt threads=16",
                    HIGHER,
                    figure(20)),
            row(
                    "rpc",
                    "framework_get_reactors p99, 1 client",
                    "bare UNIX-socket echo",
                    "rpc.RpcRequestBenchmark.request method=framework_get_reactors mode=sample metric=p99",
                    "rpc.RpcRequestBenchmark.request method=raw_echo mode=sample metric=p99",
                    LOWER,
                    figure(2)),
            row(
                    "rpc",
                    "framework_get_reactors p99, 16 clients",
                    "bare UNIX-socket echo",
                    "rpc.RpcRequestBenchmark.request method=framework_get_reactors mode=sample threads=16 metric=p99",
                    "rpc.RpcRequestBenchmark.request method=raw_echo mode=sample threads=16 metric=p99",
                    LOWER,
                    figure(2)),
            row(
                    "rpc",
                    "framework_get_reactors p99, 16 clients on Jackson's client (weft rpc's)",
                    "bare UNIX-socket echo",
                    "rpc.RpcRequestBenchmark.request method=framework_get_reactors_jackson_client mode=sample "
                            + "threads=16 metric=p99",
                    "rpc.RpcRequestBenchmark.request method=raw_echo mode=sample threads=16 metric=p99",
                    LOWER,
                    none()),
            row(
                    "rpc",
                    "framework_get_reactors requests, 1 client on Jackson's client (weft rpc's)",
                    "bare UNIX-socket echo",
                    "rpc.RpcRequestBenchmark.request method=framework_get_reactors_jackson_client mode=thrpt",
                    "rpc.RpcRequestBenchmark.request method=raw_echo mode=thrpt",
                    HIGHER,
                    none()),
            row(
                    "rpc",
                    "framework_get_reactors requests, 16 clients on Jackson's client (weft rpc's)",
                    "bare UNIX-socket echo",
                    "rpc.RpcRequestBenchmark.request method=framework_get_reactors_jackson_client mode=thrpt "
                            + "threads=16",
                    "rpc.RpcRequestBenchmark.request method=raw_echo mode=thrpt threads=16",
                    HIGHER,
                    none()),
            row(
                    "rpc",
                    "framework_get_reactors p99, 1 client on Jackson's client (weft rpc's)",
                    "bare UNIX-socket echo",
                    "rpc.RpcRequestBenchmark.request method=framework_get_reactors_jackson_client mode=sample "
                            + "metric=p99",
                    "rpc.RpcRequestBenchmark.request method=raw_echo mode=sample metric=p99",
                    LOWER,
                    none()),
            row(
                    "rpc",
                    "bare UNIX-socket echo served by a virtual thread per connection, 1 client (why the server "
                            + "keeps platform threads)",
                    "the same on a platform thread per connection",
                    "rpc.RpcRequestBenchmark.request method=raw_echo_virtual mode=thrpt",
                    "rpc.RpcRequestBenchmark.request method=raw_echo mode=thrpt",
                    HIGHER,
                    none()),
            row(
                    "rpc",
                    "bare UNIX-socket echo served by a virtual thread per connection, 16 clients",
                    "the same on a platform thread per connection",
                    "rpc.RpcRequestBenchmark.request method=raw_echo_virtual mode=thrpt threads=16",
                    "rpc.RpcRequestBenchmark.request method=raw_echo mode=thrpt threads=16",
                    HIGHER,
                    none()),
            row(
                    "rpc",
                    "bare UNIX-socket echo served by a virtual thread per connection, p99, 1 client",
                    "the same on a platform thread per connection",
                    "rpc.RpcRequestBenchmark.request method=raw_echo_virtual mode=sample metric=p99",
                    "rpc.RpcRequestBenchmark.request method=raw_echo mode=sample metric=p99",
                    LOWER,
                    none()),
            row(
                    "rpc",
                    "bare UNIX-socket echo served by a virtual thread per connection, p99, 16 clients",
                    "the same on a platform thread per connection",
                    "rpc.RpcRequestBenchmark.request method=raw_echo_virtual mode=sample threads=16 metric=p99",
                    "rpc.RpcRequestBenchmark.request method=raw_echo mode=sample threads=16 metric=p99",
                    LOWER,
                    none()),
            row(
                    "rpc",
                    "rpc_get_methods requests, 1 client",
                    "bare UNIX-socket echo",
                    "rpc.RpcRequestBenchmark.request method=rpc_get_methods mode=thrpt",
                    "rpc.RpcRequestBenchmark.request method=raw_echo mode=thrpt",
                    HIGHER,
                    none()),
            row(
                    "rpc",
                    "rpc_get_methods requests, 16 clients",
                    "bare UNIX-socket echo",
                    "rpc.RpcRequestBenchmark.request method=rpc_get_methods mode=thrpt threads=16",
                    "rpc.RpcRequestBenchmark.request method=raw_echo mode=thrpt threads=16",
                    HIGHER,
                    none()),
            row(
                    "rpc",
                    "rpc_get_methods p99, 1 client",
                    "bare UNIX-socket echo",
                    "rpc.RpcRequestBenchmark.request method=rpc_get_methods mode=sample metric=p99",
                    "rpc.RpcRequestBenchmark.request method=raw_echo mode=sample metric=p99",
                    LOWER,
                    none()),
            row(
                    "rpc",
                    "rpc_get_methods p99, 16 clients",
                    "bare UNIX-socket echo",
                    "rpc.RpcRequestBenchmark.request method=rpc_get_methods mode=sample threads=16 metric=p99",
                    "rpc.RpcRequestBenchmark.request method=raw_echo mode=sample threads=16 metric=p99",
                    LOWER,
                    none()),
            row(
                    "rpc",
                    "framework_get_reactors, 64 requests pipelined on one connection (the server's own rate)",
                    "rpc_get_methods pipelined the same way",
                    "rpc.RpcPipelineBenchmark.pipelined " + "method=framework_get_reactors",
                    "rpc.RpcPipelineBenchmark.pipelined method=rpc_get_methods",
                    HIGHER,
                    figure(20)),
            row(
                    "rpc",
                    "framework_get_reactors served without a socket (parse, dispatch, method, write)",
                    "rpc_get_methods the same way",
                    "rpc.RpcDispatchBenchmark.serve method=framework_get_reactors",
                    "rpc.RpcDispatchBenchmark.serve method=rpc_get_methods",
                    LOWER,
                    none()),
            row(
                    "rpc",
                    "framework_get_reactors served without a socket (parse, dispatch, method, write)",
                    "parsing the request and writing an answer, with no dispatch or method",
                    "rpc.RpcDispatchBenchmark.serve method=framework_get_reactors",
                    "rpc.RpcDispatchBenchmark.serve method=parse_write_only",
                    LOWER,
                    none()),
            row(
                    "rpc",
                    "reactor work kept while serving 100 requests/s, median of paired windows (target: <= 2% "
                            + "lost)",
                    "bare UNIX-socket echo server at the same rate",
                    "rpc-reactor-throughput.weft " + "metric=kept",
                    "rpc-reactor-throughput.echo metric=kept",
                    HIGHER,
                    figure(98.0)),
            row(
                    "rpc",
                    "reactor work kept while serving 100 requests/s, worst paired window",
                    "",
                    "rpc-reactor-throughput.weft metric=lowest",
                    null,
                    HIGHER,
                    none()),
            row(
                    "rpc",
                    "reactor burst time while serving 100 requests/s (separate trials: drifts with other "
                            + "processes' load)",
                    "no control-plane load",
                    "rpc.RpcReactorCostBenchmark.burst rpcPerSecond=100 mode=avgt",
                    "rpc.RpcReactorCostBenchmark.burst rpcPerSecond=0 mode=avgt",
                    LOWER,
                    none()),
            row(
                    "rpc",
                    "median reactor burst time while serving 100 requests/s (robust to other processes' load)",
                    "no control-plane load",
                    "rpc.RpcReactorCostBenchmark.burst rpcPerSecond=100 mode=sample " + "metric=p50",
                    "rpc.RpcReactorCostBenchmark.burst rpcPerSecond=0 mode=sample metric=p50",
                    LOWER,
                    none()),
            row(
                    "rpc",
                    "serving CPU at 100 requests/s, share of one core: the most the control plane can take from "
                            + "a reactor (target: <= 2% lost)",
                    "bare UNIX-socket echo server at the same rate",
                    "rpc-serve-cpu.weft metric=share",
                    "rpc-serve-cpu.echo metric=share",
                    LOWER,
                    figure(2.0)),
            row(
                    "rpc",
                    "serving CPU per framework_get_reactors request at 100 requests/s",
                    "bare UNIX-socket echo server at the same rate",
                    "rpc-serve-cpu.weft metric=micros",
                    "rpc-serve-cpu.echo metric=micros",
                    LOWER,
                    none()));

    private RpcRows() {}
}
