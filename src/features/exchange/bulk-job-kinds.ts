/** The jobs a bulk lot enqueues (payload: `lotId`), served by `bulk-jobs.ts`. */
export const runLotJob = 'exchange.bulk.run';
export const expireLotJob = 'exchange.bulk.expire';
