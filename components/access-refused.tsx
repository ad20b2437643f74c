import { ErrorNotice } from "./ui/error-notice";

/** A page the server refused: says why (the policy's own message), in the page's place. */
export function AccessRefused({ title, message }: { title: string; message: string }) {
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="mb-3 text-base font-semibold">{title}</h1>
      <ErrorNotice title="Access refused" live={false}>
        {message}
      </ErrorNotice>
    </div>
  );
}
