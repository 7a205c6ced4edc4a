package fr.vigie.triage;

/** State services and platforms a ticket can be oriented to (DOMAIN.md §2). */
public enum OrientationCode {
  CERT_FR,
  POLICE_GENDARMERIE,
  CNIL,
  CYBERMALVEILLANCE_17CYBER,
  PHAROS,
  PERCEVAL,
  THESEE,
  SPAM_33700,
  OTHER_REGIONAL_CSIRT
}
