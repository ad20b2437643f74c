"use client";

import { Button } from "../ui/button";
import type { ButtonVariant } from "../ui/button-styles";

/** Submit and Cancel for a form opened inline in a table row. */
export function InlineFormActions({ label, variant, pending, onCancel }: { label: string; variant: ButtonVariant; pending: boolean; onCancel: () => void }) {
  return (
    <div className="flex gap-1.5">
      <Button type="submit" size="sm" variant={variant} pending={pending}>
        {label}
      </Button>
      <Button size="sm" variant="ghost" onClick={onCancel}>
        Cancel
      </Button>
    </div>
  );
}
