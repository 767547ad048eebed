import type { ReadStream } from 'node:fs';
import type { DeclarantCaller } from '../../platform/auth/caller.ts';
import type { Deposit, Executor } from '../../platform/store/schema.ts';
import type { BlobStore } from './blob-store.ts';
import { findDeposit, listDeposits } from './deposits-repository.ts';
import { checkDepositOwner, checkDepositsRead, depositNotFound } from './permissions.ts';
import { depositListItem, outcomeOf, type DepositListItem, type DepositOutcome } from './views.ts';

/** What a declarant reads of its deposits: the list, one deposit with its report, its bytes. */

export async function listOwnDeposits(
  ex: Executor,
  caller: DeclarantCaller,
  limit: number,
): Promise<{ deposits: DepositListItem[] }> {
  checkDepositsRead(caller);
  const deposits = await listDeposits(ex, caller.declarantId, limit);
  return { deposits: deposits.map(depositListItem) };
}

async function ownDeposit(ex: Executor, caller: DeclarantCaller, id: string): Promise<Deposit> {
  checkDepositsRead(caller);
  const deposit = await findDeposit(ex, id);
  if (!deposit) throw depositNotFound(id);
  // Named as asked (the path may spell the UUID in capitals): the refusal quotes it.
  checkDepositOwner(caller, { id, declarant_id: deposit.declarant_id });
  return deposit;
}

/** The acknowledgement, the declarations and their status, and the conformity report. */
export async function readOwnDeposit(
  ex: Executor,
  caller: DeclarantCaller,
  id: string,
): Promise<DepositOutcome> {
  return outcomeOf(ex, await ownDeposit(ex, caller, id), false);
}

/** The bytes as received, their SHA-256 (hex), and the file's name as given at the deposit. */
export async function readOwnDepositFile(
  ctx: { ex: Executor; blobs: BlobStore },
  caller: DeclarantCaller,
  id: string,
): Promise<{ sha256: string; fileName: string | null; bytes: ReadStream }> {
  const { sha256, file_name } = await ownDeposit(ctx.ex, caller, id);
  return { sha256, fileName: file_name, bytes: ctx.blobs.read(sha256) };
}
