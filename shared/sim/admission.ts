/** The run-admission rule lives in the document layer (document/admission.ts); re-exported here for the simulator's hosts. */
export * from '../document/admission';
