/** One invalid field of a request and why. */
export interface FieldError {
  field: string;
  reasons: string[];
}

/** The body of every error the API answers with. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  fields?: FieldError[];
  /** A machine-readable reason where the client acts on it, e.g. `joint_work_closed`. */
  code?: string;
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorBody).statusCode === 'number' &&
    typeof (value as ApiErrorBody).message === 'string'
  );
}
