/** How the node was proven, shown on the node and the trigger (and said in docs/mensatek.md). */
export const PROVEN = "Checked against Mensatek's published docs and public client code only, no live account.";
