export type BreakingKind =
  | 'file-removed'
  | 'field-removed'
  | 'type-changed'
  | 'required-added'
  | 'schema-removed'
  | 'path-removed'
  | 'operation-removed'
  | 'drop-table'
  | 'drop-column'
  | 'alter-column-type'
  | 'rename-column'
  | 'rename-table';

export interface BreakingChange {
  file: string;
  kind: BreakingKind;
  /** Where in the file: a field path (`order.price`), `GET /orders`, or `orders.venue`. */
  location: string;
  /** One sentence naming the change, e.g. `field order.price removed`. */
  detail: string;
}
