/**
 * Impartiality (公正性): a certification body that helps an enterprise improve its management system must
 * not then certify that enterprise (consultancy and certification of the same client is a conflict of
 * interest under CNAS-CC01 / ISO/IEC 17021-1, 5.2). The certifier is recorded so that this can be checked.
 */
export type CertifierCheck = { ok: true } | { ok: false; message: string };

export function checkCertifier(helpingBodyId: string, certifierBodyId: string, helpingBodyName = '帮扶机构'): CertifierCheck {
  if (certifierBodyId && certifierBodyId === helpingBodyId) {
    return {
      ok: false,
      message: `${helpingBodyName}正在帮扶这家企业，不能同时登记为它的认证机构：帮扶（咨询）与认证同一家企业会损害认证的公正性。请另选一家认证机构。`,
    };
  }
  return { ok: true };
}
