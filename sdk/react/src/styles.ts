/** The components' styles: plain CSS on `lk-` classes, themed through CSS variables (set them on any ancestor to override). */
export const styles: string = `
.lk-root{--lk-primary:#2f5bea;--lk-accent:#0f9d58;--lk-background:#fff;--lk-text:#1f2328;--lk-muted:#59636e;--lk-border:#d0d7de;
--lk-danger:#c62828;--lk-radius:8px;--lk-font:system-ui,-apple-system,"Segoe UI",sans-serif;
font-family:var(--lk-font);color:var(--lk-text);background:var(--lk-background);line-height:1.45;max-width:44rem}
.lk-root[data-theme=dark]{--lk-background:#0d1117;--lk-text:#e6edf3;--lk-muted:#9198a1;--lk-border:#3d444d}
.lk-root *{box-sizing:border-box}
.lk-root h2,.lk-root h3{margin:.25rem 0 .75rem;font-size:1.15rem}
.lk-apps{list-style:none;margin:0;padding:0;display:grid;gap:.5rem;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr))}
.lk-app-button{width:100%;display:flex;align-items:center;gap:.75rem;padding:.75rem;border:1px solid var(--lk-border);
border-radius:var(--lk-radius);background:transparent;color:inherit;font:inherit;text-align:left;cursor:pointer}
.lk-app-button:hover{border-color:var(--lk-primary)}
.lk-icon{width:2rem;height:2rem;border-radius:calc(var(--lk-radius)/2);object-fit:contain}
.lk-badge{font-size:.75rem;padding:.1rem .5rem;border-radius:999px;border:1px solid var(--lk-border);color:var(--lk-muted);margin-left:auto}
.lk-badge[data-status=active]{border-color:var(--lk-accent);color:var(--lk-accent)}
.lk-badge[data-status=expired],.lk-badge[data-status=revoked]{border-color:var(--lk-danger);color:var(--lk-danger)}
.lk-header{display:flex;align-items:center;gap:.75rem;margin-bottom:1rem}
.lk-section{border-top:1px solid var(--lk-border);padding-top:1rem;margin-top:1rem}
.lk-field{display:flex;flex-direction:column;gap:.25rem;margin:0 0 .9rem}
.lk-field.lk-inline{flex-direction:row;flex-wrap:wrap;align-items:center;gap:.5rem}
.lk-group{border:0;padding:0}
.lk-label{font-weight:600}
.lk-required{color:var(--lk-danger)}
.lk-help,.lk-muted{color:var(--lk-muted);font-size:.875rem;margin:0}
.lk-inline{display:inline-flex;align-items:center;gap:.5rem}
.lk-input{font:inherit;color:inherit;background:var(--lk-background);padding:.45rem .6rem;border:1px solid var(--lk-border);border-radius:var(--lk-radius);width:100%}
.lk-input[aria-invalid=true]{border-color:var(--lk-danger)}
.lk-code{font-family:ui-monospace,monospace}
.lk-root :focus-visible{outline:2px solid var(--lk-primary);outline-offset:2px}
.lk-button{font:inherit;padding:.45rem .9rem;border-radius:var(--lk-radius);border:1px solid var(--lk-primary);background:var(--lk-primary);color:#fff;cursor:pointer}
.lk-button[disabled]{opacity:.6;cursor:default}
.lk-secondary{background:transparent;color:var(--lk-primary)}
.lk-danger{background:transparent;color:var(--lk-danger);border-color:var(--lk-danger)}
.lk-link{font:inherit;background:none;border:0;color:var(--lk-primary);cursor:pointer;padding:0;margin-bottom:.75rem}
.lk-fieldset{border:1px solid var(--lk-border);border-radius:var(--lk-radius);padding:.75rem 1rem;margin:0 0 1rem}
.lk-fieldset>legend{font-weight:600;padding:0 .25rem}
.lk-connections{list-style:none;padding:0;margin:0 0 1rem}
.lk-connections li{display:flex;align-items:center;gap:.75rem;padding:.5rem 0;border-bottom:1px solid var(--lk-border)}
.lk-choices{list-style:none;padding:0;margin:0;max-height:14rem;overflow:auto}
.lk-options-toolbar{display:flex;gap:.5rem;align-items:center;margin-bottom:.25rem}
.lk-mapping{border-collapse:collapse;width:100%}.lk-mapping th{text-align:left;font-weight:500;padding:.25rem .75rem .25rem 0;white-space:nowrap}
.lk-alert{border:1px solid var(--lk-danger);color:var(--lk-danger);border-radius:var(--lk-radius);padding:.5rem .75rem;margin:0 0 1rem}
.lk-notice{border:1px solid var(--lk-border);border-radius:var(--lk-radius);padding:.5rem .75rem;margin:0 0 1rem}
.lk-error-text{color:var(--lk-danger);font-size:.875rem;margin:0}
.lk-actions{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap}
.lk-powered{color:var(--lk-muted);font-size:.75rem;margin-top:1.5rem}
.lk-powered a{color:inherit}
`;
