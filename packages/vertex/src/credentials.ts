/**
 * Application Default Credentials, checked before anything is sent. Without them the client
 * would fail on its first call, and google-gax rethrows that failure in a promise nobody awaits
 * (its `initialize().catch(e => { throw e })`), which ends a Node process with an unhandled
 * rejection even when the caller wraps the call in try/catch. So: find the credentials first,
 * and only then build a client, handing it the auth object that found them.
 */
import { usageError, type VertexError } from './errors.js';

/** What is needed of google-auth-library's GoogleAuth. */
export interface AuthLike {
  getClient(): Promise<unknown>;
}

export const CREDENTIALS_HINT =
  'run `gcloud auth application-default login`, or set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file';

/**
 * Resolves when `auth` finds credentials; otherwise rejects with a one-line usage error saying
 * how to provide them. Reading credentials needs no network call for a key file or a gcloud
 * login; on Google Cloud machines it asks the metadata server, as the clients would.
 */
export async function checkCredentials(auth: AuthLike, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    await auth.getClient();
  } catch (error) {
    throw credentialsError(error, env);
  }
}

function credentialsError(error: unknown, env: NodeJS.ProcessEnv): VertexError {
  const keyFile = env.GOOGLE_APPLICATION_CREDENTIALS;
  if (keyFile) {
    // The library's reason (file missing, not JSON, no client_email) names no secret.
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return usageError(
      `Google Cloud credentials: GOOGLE_APPLICATION_CREDENTIALS=${keyFile} could not be used (${reason}); fix it, or unset it and run \`gcloud auth application-default login\`.`,
      error,
    );
  }
  return usageError(
    `no Google Cloud credentials found (Application Default Credentials): ${CREDENTIALS_HINT}.`,
    error,
  );
}
