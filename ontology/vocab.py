"""The ontology's terms that code refers to, as a closed rdflib namespace.

A test checks that every name here exists in ``spinekg.ttl``; a typo is an AttributeError, not a
silently minted IRI.

>>> str(SKG.Case)
'https://w3id.org/spinekg/ontology/Case'
"""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class SKG(DefinedNamespace):
    _NS = Namespace("https://w3id.org/spinekg/ontology/")
    _fail = True

    # classes
    Neoplasm: URIRef
    Case: URIRef
    CaseReport: URIRef
    Patient: URIRef
    Tumor: URIRef
    IHCResult: URIRef
    Outcome: URIRef
    Evidence: URIRef
    RuledOutDiagnosis: URIRef
    Gene: URIRef
    IHCMarker: URIRef
    GeneFusion: URIRef
    Drug: URIRef
    FusionFinding: URIRef
    MutationFinding: URIRef
    AmplificationFinding: URIRef
    DeletionFinding: URIRef
    GenomicFinding: URIRef
    Intervention: URIRef
    Biopsy: URIRef
    Surgery: URIRef
    Radiotherapy: URIRef
    DrugTherapy: URIRef
    Chemotherapy: URIRef
    TargetedTherapy: URIRef
    Immunotherapy: URIRef
    OtherDrugTherapy: URIRef
    Embolization: URIRef
    EnBlocResection: URIRef
    IntralesionalResection: URIRef
    Vertebra: URIRef
    SpinalRegion: URIRef
    SpinalCompartment: URIRef
    ImagingModality: URIRef
    Symptom: URIRef
    OutcomeStatus: URIRef
    TestResult: URIRef
    StainingPattern: URIRef
    AssertionMethod: URIRef
    Chondrosarcoma: URIRef
    MesenchymalChondrosarcoma: URIRef
    SolitaryFibrousTumor: URIRef
    Chordoma: URIRef
    GiantCellTumorOfBone: URIRef
    NeurologicalAssessment: URIRef
    NeurologicalGrade: URIRef
    NeurologicalScale: URIRef  # deprecated: replaced by NeurologicalGrade
    FrankelGrade: URIRef
    ASIAGrade: URIRef
    MRCGrade: URIRef
    Complication: URIRef

    # object properties
    reportedIn: URIRef
    hasPatient: URIRef
    hasTumor: URIRef
    hasSex: URIRef
    locatedIn: URIRef
    inRegion: URIRef
    inCompartment: URIRef
    hasIHCResult: URIRef
    marker: URIRef
    result: URIRef
    stainingPattern: URIRef
    hasGenomicFinding: URIRef
    fusion: URIRef
    gene: URIRef
    detectedBy: URIRef
    fivePrimePartner: URIRef
    threePrimePartner: URIRef
    encodedBy: URIRef
    hasIntervention: URIRef
    agent: URIRef
    atLevel: URIRef
    intent: URIRef
    response: URIRef
    margin: URIRef
    hasImaging: URIRef
    hasSymptom: URIRef
    hasOutcome: URIRef
    status: URIRef
    hasEvidence: URIRef
    supports: URIRef
    assertionMethod: URIRef
    cranialNeighbour: URIRef
    caudalNeighbour: URIRef
    adjacentTo: URIRef
    partOf: URIRef
    hasRuledOutDiagnosis: URIRef
    ruledOut: URIRef
    hasNeurologicalAssessment: URIRef
    neurologicalStatus: URIRef
    hasComplication: URIRef
    followedIntervention: URIRef

    # datatype properties
    document: URIRef
    caseId: URIRef
    ageYears: URIRef
    diagnosisLabel: URIRef
    grade: URIRef
    isPrimary: URIRef
    sizeCm: URIRef
    necrosisPercent: URIRef
    percent: URIRef
    resultText: URIRef
    sequence: URIRef
    exon5: URIRef
    exon3: URIRef
    gene5: URIRef
    gene3: URIRef
    geneSymbol: URIRef
    variant: URIRef
    acceptedGeneSymbol: URIRef
    methodText: URIRef
    alleleOrigin: URIRef
    stepText: URIRef
    inSpinalRegion: URIRef
    category: URIRef
    agentName: URIRef
    doseGy: URIRef
    fractions: URIRef
    cycles: URIRef
    doseText: URIRef
    intentText: URIRef
    responseText: URIRef
    marginText: URIRef
    timing: URIRef
    timingMonths: URIRef
    timingRelativeTo: URIRef
    recurrenceTiming: URIRef
    recurrenceMonths: URIRef
    recurrenceRelativeTo: URIRef
    assessmentScale: URIRef
    gradeText: URIRef
    muscleStrengthGrade: URIRef
    neurologicallyIntact: URIRef
    assessedAt: URIRef
    complicationText: URIRef
    uneventfulCourse: URIRef
    hasImagingText: URIRef
    hasSymptomText: URIRef
    followUpMonths: URIRef
    localRecurrence: URIRef
    metastasis: URIRef
    statusText: URIRef
    doi: URIRef
    pmid: URIRef
    pmcid: URIRef
    journal: URIRef
    url: URIRef
    publicationYear: URIRef
    authors: URIRef
    quote: URIRef
    charStart: URIRef
    charEnd: URIRef
    extractorVersion: URIRef
    levelIndex: URIRef

    # annotation properties
    behaviour: URIRef
    icdO3Morphology: URIRef
    definingAlteration: URIRef
    recordCategory: URIRef
    definitionSource: URIRef
    abbreviation: URIRef

    # individuals
    Female: URIRef
    Male: URIRef
    Positive: URIRef
    Negative: URIRef
    Equivocal: URIRef
    Curated: URIRef
    TextMined: URIRef
    Inferred: URIRef
    NoEvidenceOfDisease: URIRef
    CervicalSpine: URIRef
    ThoracicSpine: URIRef
    LumbarSpine: URIRef
    SacralSpine: URIRef
    CoccygealSpine: URIRef
    Sacrum: URIRef
    Coccyx: URIRef

    # vertebrae
    C1: URIRef
    C2: URIRef
    C3: URIRef
    C4: URIRef
    C5: URIRef
    C6: URIRef
    C7: URIRef
    T1: URIRef
    T2: URIRef
    T3: URIRef
    T4: URIRef
    T5: URIRef
    T6: URIRef
    T7: URIRef
    T8: URIRef
    T9: URIRef
    T10: URIRef
    T11: URIRef
    T12: URIRef
    L1: URIRef
    L2: URIRef
    L3: URIRef
    L4: URIRef
    L5: URIRef
    S1: URIRef
    S2: URIRef
    S3: URIRef
    S4: URIRef
    S5: URIRef
