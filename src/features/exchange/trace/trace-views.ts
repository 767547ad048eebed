import type { TraceVerification } from './verify.ts';

/**
 * What `relais trace verify` prints from, the same whether the CLI verified the database itself or
 * asked the running server (`POST /v1/admin/trace/verification`): plain JSON values.
 */
export interface TraceVerificationView {
  entries: number;
  first: number | null;
  last: number | null;
  lastCheckpoint: { position: number; at: string; chainSha256: string } | null;
  problem: { position: number; detail: string } | null;
}

export function verificationView(report: TraceVerification): TraceVerificationView {
  const checkpoint = report.lastCheckpoint;
  return {
    entries: report.entries,
    first: report.first,
    last: report.last,
    lastCheckpoint: checkpoint && {
      position: checkpoint.position,
      at: checkpoint.at.toISOString(),
      chainSha256: Buffer.from(checkpoint.chainSha256).toString('hex'),
    },
    problem: report.problem,
  };
}
