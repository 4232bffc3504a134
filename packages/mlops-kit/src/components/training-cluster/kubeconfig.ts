/** How kubectl gets a token for a cluster: the cloud's exec credential plugin, never a static token. */
export interface ExecCredential {
  command: string;
  args: string[];
  /** Shown by kubectl when the command is missing. */
  installHint: string;
}

/**
 * A kubeconfig for one cluster whose user runs `exec` (client.authentication.k8s.io/v1beta1). JSON
 * is YAML, so kubectl and the Kubernetes provider both read it.
 */
export function renderKubeconfig(args: { name: string; endpoint: string; certificateAuthority: string; exec: ExecCredential }): string {
  const { name, endpoint, certificateAuthority, exec } = args;
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name, cluster: { server: endpoint, "certificate-authority-data": certificateAuthority } }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    "current-context": name,
    users: [
      {
        name,
        user: {
          exec: {
            apiVersion: "client.authentication.k8s.io/v1beta1",
            command: exec.command,
            args: exec.args,
            installHint: exec.installHint,
            interactiveMode: "IfAvailable",
            provideClusterInfo: false,
          },
        },
      },
    ],
  });
}

/** `aws eks get-token` (AWS CLI v2). */
export function awsExec(clusterName: string, region: string): ExecCredential {
  return {
    command: "aws",
    args: ["eks", "get-token", "--cluster-name", clusterName, "--region", region, "--output", "json"],
    installHint: "Install the AWS CLI v2: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html",
  };
}

/** GKE's plugin, which reads the gcloud credentials. */
export function gcpExec(): ExecCredential {
  return {
    command: "gke-gcloud-auth-plugin",
    args: [],
    installHint: "Install gke-gcloud-auth-plugin: gcloud components install gke-gcloud-auth-plugin",
  };
}

/**
 * kubelogin for an AKS cluster with Entra ID and local accounts off; `azurecli` login mode reuses
 * `az login`. The server id is the AKS AAD server application, the same in every tenant (AKS
 * "Use kubelogin", "6dae42f8-4368-4678-94ff-3960e28e3630").
 */
export function azureExec(): ExecCredential {
  return {
    command: "kubelogin",
    args: ["get-token", "--login", "azurecli", "--server-id", "6dae42f8-4368-4678-94ff-3960e28e3630"],
    installHint: "Install kubelogin: az aks install-cli, or https://azure.github.io/kubelogin/install.html",
  };
}
