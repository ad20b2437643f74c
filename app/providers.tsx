"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { isClientError } from "@/lib/client/api";

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Content reads are logged access events: never refetch just because a tab regained focus.
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        // A 4xx is an answer (denied, not found), not a transient failure.
        retry: (failureCount, error) => !isClientError(error) && failureCount < 2,
      },
      mutations: { retry: false },
    },
  });
}

export function Providers({ children }: { children: ReactNode }) {
  // One client per browser session (useState keeps it stable across re-renders).
  const [queryClient] = useState(makeQueryClient);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
