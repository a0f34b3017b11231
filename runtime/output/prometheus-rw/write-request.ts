/**
 * Prometheus remote-write 1.0 request bodies: a `prometheus.WriteRequest` protobuf (the subset of
 * prompb's types.proto/remote.proto the sender fills), snappy block-compressed.
 */
import protobuf from 'protobufjs';
import snappy from 'snappyjs';
import type { PromSeries } from './mapping.ts';

const PROTO = `
syntax = "proto3";
package prometheus;
message WriteRequest { repeated TimeSeries timeseries = 1; }
message TimeSeries {
  repeated Label labels = 1;
  repeated Sample samples = 2;
  repeated Histogram histograms = 4;
}
message Label { string name = 1; string value = 2; }
message Sample { double value = 1; int64 timestamp = 2; }
message BucketSpan { sint32 offset = 1; uint32 length = 2; }
message Histogram {
  oneof count { uint64 count_int = 1; double count_float = 2; }
  double sum = 3;
  sint32 schema = 4;
  double zero_threshold = 5;
  oneof zero_count { uint64 zero_count_int = 6; double zero_count_float = 7; }
  repeated BucketSpan negative_spans = 8;
  repeated sint64 negative_deltas = 9;
  repeated BucketSpan positive_spans = 11;
  repeated sint64 positive_deltas = 12;
  int64 timestamp = 15;
}
`;

const WriteRequest = protobuf.parse(PROTO, { keepCase: false }).root.lookupType('prometheus.WriteRequest');

export function encodeWriteRequest(series: readonly PromSeries[]): Uint8Array {
  return WriteRequest.encode(WriteRequest.fromObject({ timeseries: series })).finish();
}

export function compressedWriteRequest(series: readonly PromSeries[]): Buffer {
  return Buffer.from(snappy.compress(encodeWriteRequest(series)));
}

/** For tests: the decoded message as plain objects. */
export function decodeWriteRequest(body: Uint8Array): { timeseries: PromSeries[] } {
  const msg = WriteRequest.decode(Buffer.from(snappy.uncompress(body)));
  return WriteRequest.toObject(msg, { longs: Number, defaults: true }) as { timeseries: PromSeries[] };
}
