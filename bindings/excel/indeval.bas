Attribute VB_Name = "indeval"
' indeval for Excel: rates children's-services scorecard indicators Red/Amber/Green with the
' indeval library (indeval.dll). The worksheet functions at the end of this module are what most
' workbooks need:
'
'   =IndevalRate(rule text, value, [target], [decimals], [fraction])   -> "Red", "Amber", ...
'   =IndevalExplain(rule text, value, [target], [decimals], [fraction], [unit])
'   =IndevalDirection(previous, current, [polarity], [rule text], [decimals], [fraction])
'   =IndevalCanonical(rule text)       =IndevalRateRange(rule text, values, [target], ...)
'   =IndevalLastError()                =IndevalVersion()
'
' Above them, every function of the C ABI (capi/include/indeval.h) is declared for VBA code that
' needs more (indicators, lint, bulk rating with catalogues). indeval.h is the reference; it
' documents every function, and these declarations follow it parameter by parameter.
'
' SETUP
'   - Windows Office only. indeval.dll must have the bitness of Office, not of Windows: 64-bit
'     Office needs the 64-bit build, 32-bit Office the 32-bit one (File > Account > About Excel
'     says which). A mismatch, or a missing DLL, is VBA run-time error 48 or 53.
'   - Put indeval.dll next to the workbook (or add-in) holding this module: the worksheet
'     functions load it from that folder on first use. Failing that, Windows searches Excel's
'     folder and PATH. IndevalLoad "C:\path\to\indeval.dll" loads it from anywhere else.
'   - "#If VBA7" holds the declarations for Office 2010 and later, 32- and 64-bit (PtrSafe,
'     LongPtr); "#Else" the same for VBA 6 (Office 2007 and older, 32-bit only), where LongPtr is
'     Long. On 32-bit Windows indeval.dll uses __stdcall, as Declare expects.
'
' CONVENTIONS (the C ABI's, as seen from VBA)
'   - Every function returns a Long: INDEVAL_OK (0) or a negative INDEVAL_E_* code. Results come
'     back through ByRef parameters. After a failure, IndevalLastError (indeval_last_error_w)
'     says what went wrong; a successful call leaves that message unchanged.
'   - int32_t is Long, double is Double, a handle (rules, indicator, series, catalogue, findings)
'     is a LongPtr: ByRef where the function creates it, ByVal everywhere else. Every handle that
'     a _parse, _create or indeval_lint gives must go back to its _free (which accepts 0).
'   - Text in: the _w functions take UTF-16, a VBA String as it is: pass StrPtr(s). The others take
'     a pointer to NUL-terminated UTF-8 bytes.
'   - Text out: (Buf, Cap, Needed). Fill a String with Cap characters and pass StrPtr of it, e.g.
'     s = String$(256, vbNullChar); the text is Left$(s, Needed). INDEVAL_E_BUFFER means it was
'     too small: make it Needed + 1 characters and call again.
'   - Arrays: an array the function needs is passed ByRef as its first element, e.g. figures(0);
'     an array that may be left out (NULL in indeval.h) is ByVal LongPtr: VarPtr(a(0)), or 0.
'   - The bulk functions return status, reason and direction codes (0..5) in Byte arrays: pass the
'     first element of a Byte array as large as the input.
'   - A missing figure (value, target, cohort) is NaN, which VBA cannot write: indeval_no_figure
'     gives one. Decimals are 0..15, or INDEVAL_NO_DECIMALS (-1) for "do not round".
'   - Codes this module does not know (from a newer indeval.dll) are to be treated as "None".
Option Explicit

' the ABI this module was written for: compare with indeval_abi_version
Public Const INDEVAL_ABI_MAJOR As Long = 1
Public Const INDEVAL_ABI_MINOR As Long = 1

' return codes (never renumbered, names never reused)
Public Const INDEVAL_OK As Long = 0
Public Const INDEVAL_E_NULL As Long = -1             ' a required pointer is NULL
Public Const INDEVAL_E_RANGE As Long = -2            ' a count, code, index or size out of range
Public Const INDEVAL_E_PARSE As Long = -3            ' rule text could not be read
Public Const INDEVAL_E_HANDLE As Long = -4           ' wrong kind of handle, or a freed one
Public Const INDEVAL_E_BUFFER As Long = -5           ' an output buffer is too small (see Needed)
Public Const INDEVAL_E_NOMEM As Long = -6            ' out of memory
Public Const INDEVAL_E_INTERNAL As Long = -7         ' an unexpected failure (a bug)
Public Const INDEVAL_E_ENCODING As Long = -8         ' malformed UTF-16 (an unpaired surrogate)
Public Const INDEVAL_E_UNSUPPORTED As Long = -9      ' e.g. a SIMD kernel this CPU lacks

' status: the colour a value is rated
Public Const INDEVAL_STATUS_NONE As Long = 0
Public Const INDEVAL_STATUS_RED As Long = 1
Public Const INDEVAL_STATUS_AMBER As Long = 2
Public Const INDEVAL_STATUS_GREEN As Long = 3
Public Const INDEVAL_STATUS_BLUE As Long = 4

' reason: why a value got its status
Public Const INDEVAL_REASON_RATED As Long = 0
Public Const INDEVAL_REASON_NO_DATA As Long = 1      ' the value is NaN
Public Const INDEVAL_REASON_NOT_RATED As Long = 2    ' no rule set
Public Const INDEVAL_REASON_NEEDS_TARGET As Long = 3 ' relative to a target; there is none
Public Const INDEVAL_REASON_NEEDS_COHORT As Long = 4 ' relative to a cohort; there is none
Public Const INDEVAL_REASON_NOT_FINITE As Long = 5   ' the value is +inf or -inf

' direction of travel from the previous value
Public Const INDEVAL_DIRECTION_NONE As Long = 0
Public Const INDEVAL_DIRECTION_IMPROVED As Long = 1
Public Const INDEVAL_DIRECTION_DECLINED As Long = 2
Public Const INDEVAL_DIRECTION_SAME As Long = 3
Public Const INDEVAL_DIRECTION_UP As Long = 4        ' moved up; which way is good is unknown
Public Const INDEVAL_DIRECTION_DOWN As Long = 5

' polarity: which way is good
Public Const INDEVAL_POLARITY_NEUTRAL As Long = 0
Public Const INDEVAL_POLARITY_BIB As Long = 1        ' bigger is better
Public Const INDEVAL_POLARITY_SIB As Long = 2        ' smaller is better

' scale: how percentage values arrive (rule text is always in points)
Public Const INDEVAL_SCALE_POINTS As Long = 0        ' 63.9 means 63.9%
Public Const INDEVAL_SCALE_FRACTION As Long = 1      ' 0.639 means 63.9%

' unit of an indicator's numbers
Public Const INDEVAL_UNIT_COUNT As Long = 0
Public Const INDEVAL_UNIT_PERCENT As Long = 1
Public Const INDEVAL_UNIT_DAYS As Long = 2
Public Const INDEVAL_UNIT_AVERAGE As Long = 3
Public Const INDEVAL_UNIT_RATE As Long = 4

' orientation of a rule set's bands
Public Const INDEVAL_ORIENTATION_NONE As Long = 0
Public Const INDEVAL_ORIENTATION_RISING As Long = 1  ' better bands sit higher
Public Const INDEVAL_ORIENTATION_FALLING As Long = 2 ' better bands sit lower

' bulk kernels
Public Const INDEVAL_KERNEL_AUTOMATIC As Long = 0
Public Const INDEVAL_KERNEL_SCALAR As Long = 1
Public Const INDEVAL_KERNEL_AVX2 As Long = 2
Public Const INDEVAL_KERNEL_AVX512 As Long = 3

' severity of a lint finding
Public Const INDEVAL_SEVERITY_INFO As Long = 0
Public Const INDEVAL_SEVERITY_WARNING As Long = 1
Public Const INDEVAL_SEVERITY_ERROR As Long = 2

' decimals: do not round
Public Const INDEVAL_NO_DECIMALS As Long = -1

' text fields of an indicator (indeval_indicator_set_text)
Public Const INDEVAL_FIELD_REF As Long = 0           ' "AMT 2"
Public Const INDEVAL_FIELD_TITLE As Long = 1
Public Const INDEVAL_FIELD_SECTION As Long = 2
Public Const INDEVAL_FIELD_RULE_TEXT As Long = 3     ' the RAG methodology, for lint

' text fields of a lint finding (indeval_findings_text)
Public Const INDEVAL_FINDING_CODE As Long = 0        ' a stable identifier of the kind of finding
Public Const INDEVAL_FINDING_MESSAGE As Long = 1     ' a sentence for a person
Public Const INDEVAL_FINDING_WHERE As Long = 2       ' a period label, "rules", "target" ...

' ==== the C ABI ==================================================================================

#If VBA7 Then

' ---- library
' Version numbers; the last error of the calling thread; a NaN for missing figures.
Public Declare PtrSafe Function indeval_version Lib "indeval.dll" _
    Alias "indeval_version" (ByRef Major As Long, ByRef Minor As Long, _
    ByRef Patch As Long) As Long
Public Declare PtrSafe Function indeval_version_string Lib "indeval.dll" _
    Alias "indeval_version_string" (ByVal Buf As LongPtr, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare PtrSafe Function indeval_abi_version Lib "indeval.dll" _
    Alias "indeval_abi_version" (ByRef Major As Long, ByRef Minor As Long) As Long
Public Declare PtrSafe Function indeval_last_error Lib "indeval.dll" _
    Alias "indeval_last_error" (ByVal Buf As LongPtr, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare PtrSafe Function indeval_last_error_w Lib "indeval.dll" _
    Alias "indeval_last_error_w" (ByVal Buf As LongPtr, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare PtrSafe Function indeval_no_figure Lib "indeval.dll" _
    Alias "indeval_no_figure" (ByRef Figure As Double) As Long

' ---- rule sets
' Rules may be 0 where indeval.h says NULL is allowed (not rated). Target, Cohort: NaN for none.
' ValueScale: INDEVAL_SCALE_*. Decimals: 0..15 or INDEVAL_NO_DECIMALS.
Public Declare PtrSafe Function indeval_rules_parse Lib "indeval.dll" _
    Alias "indeval_rules_parse" (ByVal RuleText As LongPtr, ByRef NewRules As LongPtr, _
    ByRef ErrorPosition As Long) As Long
Public Declare PtrSafe Function indeval_rules_parse_w Lib "indeval.dll" _
    Alias "indeval_rules_parse_w" (ByVal RuleText As LongPtr, ByRef NewRules As LongPtr, _
    ByRef ErrorPosition As Long) As Long
Public Declare PtrSafe Function indeval_rules_free Lib "indeval.dll" _
    Alias "indeval_rules_free" (ByVal Rules As LongPtr) As Long
Public Declare PtrSafe Function indeval_rules_clone Lib "indeval.dll" _
    Alias "indeval_rules_clone" (ByVal Rules As LongPtr, ByRef NewRules As LongPtr) As Long
Public Declare PtrSafe Function indeval_rules_print Lib "indeval.dll" _
    Alias "indeval_rules_print" (ByVal Rules As LongPtr, ByVal Buf As LongPtr, _
    ByVal Cap As Long, ByRef Needed As Long) As Long
Public Declare PtrSafe Function indeval_rules_print_w Lib "indeval.dll" _
    Alias "indeval_rules_print_w" (ByVal Rules As LongPtr, ByVal Buf As LongPtr, _
    ByVal Cap As Long, ByRef Needed As Long) As Long
Public Declare PtrSafe Function indeval_rules_info Lib "indeval.dll" _
    Alias "indeval_rules_info" (ByVal Rules As LongPtr, ByRef Bands As Long, _
    ByRef Orientation As Long, ByRef NeedsTarget As Long, ByRef NeedsCohort As Long) As Long
Public Declare PtrSafe Function indeval_rules_evaluate Lib "indeval.dll" _
    Alias "indeval_rules_evaluate" (ByVal Rules As LongPtr, ByVal Value As Double, _
    ByVal Target As Double, ByVal Cohort As Double, ByVal Decimals As Long, _
    ByVal ValueScale As Long, ByRef Status As Long, ByRef Reason As Long) As Long
Public Declare PtrSafe Function indeval_rules_evaluate_detail Lib "indeval.dll" _
    Alias "indeval_rules_evaluate_detail" (ByVal Rules As LongPtr, ByVal Value As Double, _
    ByVal Target As Double, ByVal Cohort As Double, ByVal Decimals As Long, _
    ByVal ValueScale As Long, ByVal Polarity As Long, ByRef Status As Long, _
    ByRef Reason As Long, ByRef Band As Long, ByRef RatedValue As Double, _
    ByRef RatedTarget As Double, ByRef Distance As Double) As Long
Public Declare PtrSafe Function indeval_rules_explain Lib "indeval.dll" _
    Alias "indeval_rules_explain" (ByVal Rules As LongPtr, ByVal Value As Double, _
    ByVal Target As Double, ByVal Cohort As Double, ByVal Decimals As Long, _
    ByVal ValueScale As Long, ByVal Unit As Long, ByVal Buf As LongPtr, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare PtrSafe Function indeval_rules_explain_w Lib "indeval.dll" _
    Alias "indeval_rules_explain_w" (ByVal Rules As LongPtr, ByVal Value As Double, _
    ByVal Target As Double, ByVal Cohort As Double, ByVal Decimals As Long, _
    ByVal ValueScale As Long, ByVal Unit As Long, ByVal Buf As LongPtr, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare PtrSafe Function indeval_direction Lib "indeval.dll" _
    Alias "indeval_direction" (ByVal Previous As Double, ByVal Current As Double, _
    ByVal Polarity As Long, ByVal Rules As LongPtr, ByVal Decimals As Long, _
    ByVal ValueScale As Long, ByRef Direction As Long) As Long

' ---- indicators
' Field: INDEVAL_FIELD_*. FieldText: StrPtr(s) for the _w function, UTF-8 bytes otherwise.
Public Declare PtrSafe Function indeval_indicator_create Lib "indeval.dll" _
    Alias "indeval_indicator_create" (ByRef NewIndicator As LongPtr) As Long
Public Declare PtrSafe Function indeval_indicator_free Lib "indeval.dll" _
    Alias "indeval_indicator_free" (ByVal Indicator As LongPtr) As Long
Public Declare PtrSafe Function indeval_indicator_set Lib "indeval.dll" _
    Alias "indeval_indicator_set" (ByVal Indicator As LongPtr, ByVal Polarity As Long, _
    ByVal Unit As Long, ByVal Decimals As Long, ByVal Target As Double) As Long
Public Declare PtrSafe Function indeval_indicator_set_rules Lib "indeval.dll" _
    Alias "indeval_indicator_set_rules" (ByVal Indicator As LongPtr, _
    ByVal Rules As LongPtr) As Long
Public Declare PtrSafe Function indeval_indicator_set_text Lib "indeval.dll" _
    Alias "indeval_indicator_set_text" (ByVal Indicator As LongPtr, ByVal Field As Long, _
    ByVal FieldText As LongPtr) As Long
Public Declare PtrSafe Function indeval_indicator_set_text_w Lib "indeval.dll" _
    Alias "indeval_indicator_set_text_w" (ByVal Indicator As LongPtr, ByVal Field As Long, _
    ByVal FieldText As LongPtr) As Long
Public Declare PtrSafe Function indeval_indicator_evaluate Lib "indeval.dll" _
    Alias "indeval_indicator_evaluate" (ByVal Indicator As LongPtr, ByVal Value As Double, _
    ByVal Cohort As Double, ByVal ValueScale As Long, ByRef Status As Long, _
    ByRef Reason As Long) As Long
Public Declare PtrSafe Function indeval_indicator_explain Lib "indeval.dll" _
    Alias "indeval_indicator_explain" (ByVal Indicator As LongPtr, ByVal Value As Double, _
    ByVal Cohort As Double, ByVal ValueScale As Long, ByVal Buf As LongPtr, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare PtrSafe Function indeval_indicator_explain_w Lib "indeval.dll" _
    Alias "indeval_indicator_explain_w" (ByVal Indicator As LongPtr, ByVal Value As Double, _
    ByVal Cohort As Double, ByVal ValueScale As Long, ByVal Buf As LongPtr, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare PtrSafe Function indeval_indicator_direction Lib "indeval.dll" _
    Alias "indeval_indicator_direction" (ByVal Indicator As LongPtr, ByVal Previous As Double, _
    ByVal Current As Double, ByVal ValueScale As Long, ByRef Direction As Long) As Long

' ---- series
' Period, Note, Published: StrPtr(s) (0 for none: Note, Published) for _w, UTF-8 otherwise.
' indeval_series_add_many takes UTF-8 only: Periods is the first element of a LongPtr array of
' pointers to NUL-terminated UTF-8 bytes; Notes and PublishedTexts are VarPtr of such an array
' or 0. indeval_series_add_w in a loop is usually simpler from VBA.
Public Declare PtrSafe Function indeval_series_create Lib "indeval.dll" _
    Alias "indeval_series_create" (ByRef NewSeries As LongPtr) As Long
Public Declare PtrSafe Function indeval_series_free Lib "indeval.dll" _
    Alias "indeval_series_free" (ByVal Series As LongPtr) As Long
Public Declare PtrSafe Function indeval_series_add Lib "indeval.dll" _
    Alias "indeval_series_add" (ByVal Series As LongPtr, ByVal Period As LongPtr, _
    ByVal Value As Double, ByVal Note As LongPtr, ByVal Published As LongPtr) As Long
Public Declare PtrSafe Function indeval_series_add_w Lib "indeval.dll" _
    Alias "indeval_series_add_w" (ByVal Series As LongPtr, ByVal Period As LongPtr, _
    ByVal Value As Double, ByVal Note As LongPtr, ByVal Published As LongPtr) As Long
Public Declare PtrSafe Function indeval_series_add_many Lib "indeval.dll" _
    Alias "indeval_series_add_many" (ByVal Series As LongPtr, ByVal Count As Long, _
    ByRef Periods As LongPtr, ByRef Values As Double, ByVal Notes As LongPtr, _
    ByVal PublishedTexts As LongPtr) As Long
Public Declare PtrSafe Function indeval_series_add_many_w Lib "indeval.dll" _
    Alias "indeval_series_add_many_w" (ByVal Series As LongPtr, ByVal Count As Long, _
    ByRef Periods As LongPtr, ByRef Values As Double, ByVal Notes As LongPtr, _
    ByVal PublishedTexts As LongPtr) As Long
Public Declare PtrSafe Function indeval_series_size Lib "indeval.dll" _
    Alias "indeval_series_size" (ByVal Series As LongPtr, ByRef Count As Long) As Long
Public Declare PtrSafe Function indeval_series_direction Lib "indeval.dll" _
    Alias "indeval_series_direction" (ByVal Indicator As LongPtr, ByVal Series As LongPtr, _
    ByVal PreviousPosition As Long, ByVal CurrentPosition As Long, ByVal ValueScale As Long, _
    ByRef Direction As Long) As Long

' ---- catalogue and bulk evaluation
' Values: first element of a Double array; Statuses: first element of a Byte array of the
' same size. Previous and Targets, Cohorts (Double), Entries (Long), Reasons and Directions
' (Byte) may be NULL: pass VarPtr(a(0)), or 0 for none. Threads: 1 = this thread only,
' n > 1 = up to n threads, 0 = one per hardware thread.
Public Declare PtrSafe Function indeval_catalogue_create Lib "indeval.dll" _
    Alias "indeval_catalogue_create" (ByRef NewCatalogue As LongPtr) As Long
Public Declare PtrSafe Function indeval_catalogue_free Lib "indeval.dll" _
    Alias "indeval_catalogue_free" (ByVal Catalogue As LongPtr) As Long
Public Declare PtrSafe Function indeval_catalogue_add Lib "indeval.dll" _
    Alias "indeval_catalogue_add" (ByVal Catalogue As LongPtr, ByVal Rules As LongPtr, _
    ByVal Decimals As Long, ByVal ValueScale As Long, ByVal Polarity As Long, _
    ByVal Target As Double, ByRef Entry As Long) As Long
Public Declare PtrSafe Function indeval_catalogue_add_indicator Lib "indeval.dll" _
    Alias "indeval_catalogue_add_indicator" (ByVal Catalogue As LongPtr, _
    ByVal Indicator As LongPtr, ByVal ValueScale As Long, ByRef Entry As Long) As Long
Public Declare PtrSafe Function indeval_catalogue_size Lib "indeval.dll" _
    Alias "indeval_catalogue_size" (ByVal Catalogue As LongPtr, ByRef Size As Long) As Long
Public Declare PtrSafe Function indeval_evaluate_bulk Lib "indeval.dll" _
    Alias "indeval_evaluate_bulk" (ByVal Catalogue As LongPtr, ByRef Values As Double, _
    ByVal Previous As LongPtr, ByVal Entries As LongPtr, ByVal Targets As LongPtr, _
    ByVal Cohorts As LongPtr, ByVal Count As Long, ByRef Statuses As Byte, _
    ByVal Reasons As LongPtr, ByVal Directions As LongPtr, ByVal Threads As Long) As Long
Public Declare PtrSafe Function indeval_evaluate_bulk_kernel Lib "indeval.dll" _
    Alias "indeval_evaluate_bulk_kernel" (ByVal Catalogue As LongPtr, ByRef Values As Double, _
    ByVal Previous As LongPtr, ByVal Entries As LongPtr, ByVal Targets As LongPtr, _
    ByVal Cohorts As LongPtr, ByVal Count As Long, ByRef Statuses As Byte, _
    ByVal Reasons As LongPtr, ByVal Directions As LongPtr, ByVal Threads As Long, _
    ByVal Kernel As Long) As Long

' ---- lint
' Finding: 0 .. count - 1. Field: INDEVAL_FINDING_*.
Public Declare PtrSafe Function indeval_lint Lib "indeval.dll" _
    Alias "indeval_lint" (ByVal Indicator As LongPtr, ByVal Series As LongPtr, _
    ByVal Cohort As Double, ByRef NewFindings As LongPtr) As Long
Public Declare PtrSafe Function indeval_findings_free Lib "indeval.dll" _
    Alias "indeval_findings_free" (ByVal Findings As LongPtr) As Long
Public Declare PtrSafe Function indeval_findings_count Lib "indeval.dll" _
    Alias "indeval_findings_count" (ByVal Findings As LongPtr, ByRef Count As Long) As Long
Public Declare PtrSafe Function indeval_findings_severity Lib "indeval.dll" _
    Alias "indeval_findings_severity" (ByVal Findings As LongPtr, ByVal Finding As Long, _
    ByRef Severity As Long) As Long
Public Declare PtrSafe Function indeval_findings_text Lib "indeval.dll" _
    Alias "indeval_findings_text" (ByVal Findings As LongPtr, ByVal Finding As Long, _
    ByVal Field As Long, ByVal Buf As LongPtr, ByVal Cap As Long, ByRef Needed As Long) As Long
Public Declare PtrSafe Function indeval_findings_text_w Lib "indeval.dll" _
    Alias "indeval_findings_text_w" (ByVal Findings As LongPtr, ByVal Finding As Long, _
    ByVal Field As Long, ByVal Buf As LongPtr, ByVal Cap As Long, ByRef Needed As Long) As Long

' ---- loading indeval.dll from the workbook's folder (see IndevalLoad)
Private Declare PtrSafe Function LoadLibraryExW Lib "kernel32" _
    (ByVal FileName As LongPtr, ByVal Reserved As LongPtr, ByVal Flags As Long) As LongPtr

#Else

' VBA 6: the same declarations, without PtrSafe, with Long for LongPtr.

' ---- library
Public Declare Function indeval_version Lib "indeval.dll" _
    Alias "indeval_version" (ByRef Major As Long, ByRef Minor As Long, _
    ByRef Patch As Long) As Long
Public Declare Function indeval_version_string Lib "indeval.dll" _
    Alias "indeval_version_string" (ByVal Buf As Long, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare Function indeval_abi_version Lib "indeval.dll" _
    Alias "indeval_abi_version" (ByRef Major As Long, ByRef Minor As Long) As Long
Public Declare Function indeval_last_error Lib "indeval.dll" _
    Alias "indeval_last_error" (ByVal Buf As Long, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare Function indeval_last_error_w Lib "indeval.dll" _
    Alias "indeval_last_error_w" (ByVal Buf As Long, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare Function indeval_no_figure Lib "indeval.dll" _
    Alias "indeval_no_figure" (ByRef Figure As Double) As Long

' ---- rule sets
Public Declare Function indeval_rules_parse Lib "indeval.dll" _
    Alias "indeval_rules_parse" (ByVal RuleText As Long, ByRef NewRules As Long, _
    ByRef ErrorPosition As Long) As Long
Public Declare Function indeval_rules_parse_w Lib "indeval.dll" _
    Alias "indeval_rules_parse_w" (ByVal RuleText As Long, ByRef NewRules As Long, _
    ByRef ErrorPosition As Long) As Long
Public Declare Function indeval_rules_free Lib "indeval.dll" _
    Alias "indeval_rules_free" (ByVal Rules As Long) As Long
Public Declare Function indeval_rules_clone Lib "indeval.dll" _
    Alias "indeval_rules_clone" (ByVal Rules As Long, ByRef NewRules As Long) As Long
Public Declare Function indeval_rules_print Lib "indeval.dll" _
    Alias "indeval_rules_print" (ByVal Rules As Long, ByVal Buf As Long, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare Function indeval_rules_print_w Lib "indeval.dll" _
    Alias "indeval_rules_print_w" (ByVal Rules As Long, ByVal Buf As Long, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare Function indeval_rules_info Lib "indeval.dll" _
    Alias "indeval_rules_info" (ByVal Rules As Long, ByRef Bands As Long, _
    ByRef Orientation As Long, ByRef NeedsTarget As Long, ByRef NeedsCohort As Long) As Long
Public Declare Function indeval_rules_evaluate Lib "indeval.dll" _
    Alias "indeval_rules_evaluate" (ByVal Rules As Long, ByVal Value As Double, _
    ByVal Target As Double, ByVal Cohort As Double, ByVal Decimals As Long, _
    ByVal ValueScale As Long, ByRef Status As Long, ByRef Reason As Long) As Long
Public Declare Function indeval_rules_evaluate_detail Lib "indeval.dll" _
    Alias "indeval_rules_evaluate_detail" (ByVal Rules As Long, ByVal Value As Double, _
    ByVal Target As Double, ByVal Cohort As Double, ByVal Decimals As Long, _
    ByVal ValueScale As Long, ByVal Polarity As Long, ByRef Status As Long, _
    ByRef Reason As Long, ByRef Band As Long, ByRef RatedValue As Double, _
    ByRef RatedTarget As Double, ByRef Distance As Double) As Long
Public Declare Function indeval_rules_explain Lib "indeval.dll" _
    Alias "indeval_rules_explain" (ByVal Rules As Long, ByVal Value As Double, _
    ByVal Target As Double, ByVal Cohort As Double, ByVal Decimals As Long, _
    ByVal ValueScale As Long, ByVal Unit As Long, ByVal Buf As Long, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare Function indeval_rules_explain_w Lib "indeval.dll" _
    Alias "indeval_rules_explain_w" (ByVal Rules As Long, ByVal Value As Double, _
    ByVal Target As Double, ByVal Cohort As Double, ByVal Decimals As Long, _
    ByVal ValueScale As Long, ByVal Unit As Long, ByVal Buf As Long, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare Function indeval_direction Lib "indeval.dll" _
    Alias "indeval_direction" (ByVal Previous As Double, ByVal Current As Double, _
    ByVal Polarity As Long, ByVal Rules As Long, ByVal Decimals As Long, _
    ByVal ValueScale As Long, ByRef Direction As Long) As Long

' ---- indicators
Public Declare Function indeval_indicator_create Lib "indeval.dll" _
    Alias "indeval_indicator_create" (ByRef NewIndicator As Long) As Long
Public Declare Function indeval_indicator_free Lib "indeval.dll" _
    Alias "indeval_indicator_free" (ByVal Indicator As Long) As Long
Public Declare Function indeval_indicator_set Lib "indeval.dll" _
    Alias "indeval_indicator_set" (ByVal Indicator As Long, ByVal Polarity As Long, _
    ByVal Unit As Long, ByVal Decimals As Long, ByVal Target As Double) As Long
Public Declare Function indeval_indicator_set_rules Lib "indeval.dll" _
    Alias "indeval_indicator_set_rules" (ByVal Indicator As Long, ByVal Rules As Long) As Long
Public Declare Function indeval_indicator_set_text Lib "indeval.dll" _
    Alias "indeval_indicator_set_text" (ByVal Indicator As Long, ByVal Field As Long, _
    ByVal FieldText As Long) As Long
Public Declare Function indeval_indicator_set_text_w Lib "indeval.dll" _
    Alias "indeval_indicator_set_text_w" (ByVal Indicator As Long, ByVal Field As Long, _
    ByVal FieldText As Long) As Long
Public Declare Function indeval_indicator_evaluate Lib "indeval.dll" _
    Alias "indeval_indicator_evaluate" (ByVal Indicator As Long, ByVal Value As Double, _
    ByVal Cohort As Double, ByVal ValueScale As Long, ByRef Status As Long, _
    ByRef Reason As Long) As Long
Public Declare Function indeval_indicator_explain Lib "indeval.dll" _
    Alias "indeval_indicator_explain" (ByVal Indicator As Long, ByVal Value As Double, _
    ByVal Cohort As Double, ByVal ValueScale As Long, ByVal Buf As Long, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare Function indeval_indicator_explain_w Lib "indeval.dll" _
    Alias "indeval_indicator_explain_w" (ByVal Indicator As Long, ByVal Value As Double, _
    ByVal Cohort As Double, ByVal ValueScale As Long, ByVal Buf As Long, ByVal Cap As Long, _
    ByRef Needed As Long) As Long
Public Declare Function indeval_indicator_direction Lib "indeval.dll" _
    Alias "indeval_indicator_direction" (ByVal Indicator As Long, ByVal Previous As Double, _
    ByVal Current As Double, ByVal ValueScale As Long, ByRef Direction As Long) As Long

' ---- series
Public Declare Function indeval_series_create Lib "indeval.dll" _
    Alias "indeval_series_create" (ByRef NewSeries As Long) As Long
Public Declare Function indeval_series_free Lib "indeval.dll" _
    Alias "indeval_series_free" (ByVal Series As Long) As Long
Public Declare Function indeval_series_add Lib "indeval.dll" _
    Alias "indeval_series_add" (ByVal Series As Long, ByVal Period As Long, _
    ByVal Value As Double, ByVal Note As Long, ByVal Published As Long) As Long
Public Declare Function indeval_series_add_w Lib "indeval.dll" _
    Alias "indeval_series_add_w" (ByVal Series As Long, ByVal Period As Long, _
    ByVal Value As Double, ByVal Note As Long, ByVal Published As Long) As Long
Public Declare Function indeval_series_add_many Lib "indeval.dll" _
    Alias "indeval_series_add_many" (ByVal Series As Long, ByVal Count As Long, _
    ByRef Periods As Long, ByRef Values As Double, ByVal Notes As Long, _
    ByVal PublishedTexts As Long) As Long
Public Declare Function indeval_series_add_many_w Lib "indeval.dll" _
    Alias "indeval_series_add_many_w" (ByVal Series As Long, ByVal Count As Long, _
    ByRef Periods As Long, ByRef Values As Double, ByVal Notes As Long, _
    ByVal PublishedTexts As Long) As Long
Public Declare Function indeval_series_size Lib "indeval.dll" _
    Alias "indeval_series_size" (ByVal Series As Long, ByRef Count As Long) As Long
Public Declare Function indeval_series_direction Lib "indeval.dll" _
    Alias "indeval_series_direction" (ByVal Indicator As Long, ByVal Series As Long, _
    ByVal PreviousPosition As Long, ByVal CurrentPosition As Long, ByVal ValueScale As Long, _
    ByRef Direction As Long) As Long

' ---- catalogue and bulk evaluation
Public Declare Function indeval_catalogue_create Lib "indeval.dll" _
    Alias "indeval_catalogue_create" (ByRef NewCatalogue As Long) As Long
Public Declare Function indeval_catalogue_free Lib "indeval.dll" _
    Alias "indeval_catalogue_free" (ByVal Catalogue As Long) As Long
Public Declare Function indeval_catalogue_add Lib "indeval.dll" _
    Alias "indeval_catalogue_add" (ByVal Catalogue As Long, ByVal Rules As Long, _
    ByVal Decimals As Long, ByVal ValueScale As Long, ByVal Polarity As Long, _
    ByVal Target As Double, ByRef Entry As Long) As Long
Public Declare Function indeval_catalogue_add_indicator Lib "indeval.dll" _
    Alias "indeval_catalogue_add_indicator" (ByVal Catalogue As Long, ByVal Indicator As Long, _
    ByVal ValueScale As Long, ByRef Entry As Long) As Long
Public Declare Function indeval_catalogue_size Lib "indeval.dll" _
    Alias "indeval_catalogue_size" (ByVal Catalogue As Long, ByRef Size As Long) As Long
Public Declare Function indeval_evaluate_bulk Lib "indeval.dll" _
    Alias "indeval_evaluate_bulk" (ByVal Catalogue As Long, ByRef Values As Double, _
    ByVal Previous As Long, ByVal Entries As Long, ByVal Targets As Long, ByVal Cohorts As Long, _
    ByVal Count As Long, ByRef Statuses As Byte, ByVal Reasons As Long, _
    ByVal Directions As Long, ByVal Threads As Long) As Long
Public Declare Function indeval_evaluate_bulk_kernel Lib "indeval.dll" _
    Alias "indeval_evaluate_bulk_kernel" (ByVal Catalogue As Long, ByRef Values As Double, _
    ByVal Previous As Long, ByVal Entries As Long, ByVal Targets As Long, ByVal Cohorts As Long, _
    ByVal Count As Long, ByRef Statuses As Byte, ByVal Reasons As Long, _
    ByVal Directions As Long, ByVal Threads As Long, ByVal Kernel As Long) As Long

' ---- lint
Public Declare Function indeval_lint Lib "indeval.dll" _
    Alias "indeval_lint" (ByVal Indicator As Long, ByVal Series As Long, ByVal Cohort As Double, _
    ByRef NewFindings As Long) As Long
Public Declare Function indeval_findings_free Lib "indeval.dll" _
    Alias "indeval_findings_free" (ByVal Findings As Long) As Long
Public Declare Function indeval_findings_count Lib "indeval.dll" _
    Alias "indeval_findings_count" (ByVal Findings As Long, ByRef Count As Long) As Long
Public Declare Function indeval_findings_severity Lib "indeval.dll" _
    Alias "indeval_findings_severity" (ByVal Findings As Long, ByVal Finding As Long, _
    ByRef Severity As Long) As Long
Public Declare Function indeval_findings_text Lib "indeval.dll" _
    Alias "indeval_findings_text" (ByVal Findings As Long, ByVal Finding As Long, _
    ByVal Field As Long, ByVal Buf As Long, ByVal Cap As Long, ByRef Needed As Long) As Long
Public Declare Function indeval_findings_text_w Lib "indeval.dll" _
    Alias "indeval_findings_text_w" (ByVal Findings As Long, ByVal Finding As Long, _
    ByVal Field As Long, ByVal Buf As Long, ByVal Cap As Long, ByRef Needed As Long) As Long

' ---- loading indeval.dll from the workbook's folder (see IndevalLoad)
Private Declare Function LoadLibraryExW Lib "kernel32" _
    (ByVal FileName As Long, ByVal Reserved As Long, ByVal Flags As Long) As Long

#End If

' ==== worksheet functions =========================================================================
'
' Each returns text: a status or direction name, an explanation, or - when the rule text or an
' argument is refused - the library's message saying why (e.g. "indeval_rules_parse_w: ...").
' Arguments as a worksheet gives them:
'   RuleText  the RAG methodology as written ("95% or above Green 85%-94% Amber 84% and below
'             Red"). Blank: no rules, so the value is not rated ("None").
'   Value     a number. A blank, text ("n/a") or error cell is a missing figure: "None".
'   Target    optional: the target, for rules written against one ("target or above Green ...").
'   Decimals  optional: places to round the value to before rating it (0..15); default: none.
'   Fraction  optional: TRUE when percentages are fractions (0.639 for 63.9%, as in cells
'             formatted as a percentage). Rule text is always in points ("95%").
' Every handle a function creates is freed before it returns.

Private Const FIRST_BUFFER As Long = 256           ' characters tried before asking for more
Private Const LOAD_WITH_ALTERED_SEARCH_PATH As Long = &H8
Private Const ERROR_SOURCE As String = "indeval"

Private loadTried As Boolean

' The status of Value under RuleText: "Red", "Amber", "Green", "Blue" or "None" (not rated: no
' figure, no rules, or a target or cohort the rules need is missing).
'   =IndevalRate("95% or above Green 85%-94% Amber 84% and below Red", 63.9)  -> "Red"
Public Function IndevalRate(ByVal RuleText As String, ByVal Value As Variant, _
        Optional ByVal Target As Variant, Optional ByVal Decimals As Variant, _
        Optional ByVal Fraction As Boolean = False) As String
#If VBA7 Then
    Dim hRules As LongPtr
#Else
    Dim hRules As Long
#End If
    Dim statusCode As Long, reasonCode As Long, failure As String
    On Error GoTo Failed
    EnsureLoaded
    If Not ParseRules(RuleText, hRules, failure) Then
        IndevalRate = failure
        Exit Function
    End If
    If indeval_rules_evaluate(hRules, FigureOf(Value), FigureOf(Target), NoFigure(), _
            DecimalsOf(Decimals), ScaleOf(Fraction), statusCode, reasonCode) = INDEVAL_OK Then
        IndevalRate = StatusName(statusCode)
    Else
        IndevalRate = LastErrorText()
    End If
    indeval_rules_free hRules
    Exit Function
Failed:
    IndevalRate = FailureText(Err.Number, Err.Description)
    If hRules <> 0 Then indeval_rules_free hRules
End Function

' One line for a person on how Value rates under RuleText.
'   =IndevalExplain("95% or above Green 85%-94% Amber 84% and below Red", 63.9, , , , "%")
'       -> "Red: 63.9% is below the Amber threshold of 85%"
'   Unit  optional: how to print the numbers: "count", "percent" (or "%"), "days", "average" or
'         "rate", or an INDEVAL_UNIT_* code. Default: percent when Fraction is TRUE, else count.
Public Function IndevalExplain(ByVal RuleText As String, ByVal Value As Variant, _
        Optional ByVal Target As Variant, Optional ByVal Decimals As Variant, _
        Optional ByVal Fraction As Boolean = False, Optional ByVal Unit As Variant) As String
#If VBA7 Then
    Dim hRules As LongPtr
#Else
    Dim hRules As Long
#End If
    Dim valueFigure As Double, targetFigure As Double
    Dim places As Long, scaleCode As Long, unitCode As Long
    Dim chars As String, textLength As Long, rc As Long, failure As String
    On Error GoTo Failed
    EnsureLoaded
    valueFigure = FigureOf(Value)
    targetFigure = FigureOf(Target)
    places = DecimalsOf(Decimals)
    scaleCode = ScaleOf(Fraction)
    unitCode = UnitOf(Unit, Fraction)
    If Not ParseRules(RuleText, hRules, failure) Then
        IndevalExplain = failure
        Exit Function
    End If
    chars = String$(FIRST_BUFFER, vbNullChar)
    rc = indeval_rules_explain_w(hRules, valueFigure, targetFigure, NoFigure(), places, _
        scaleCode, unitCode, StrPtr(chars), Len(chars), textLength)
    If rc = INDEVAL_E_BUFFER Then
        chars = String$(textLength + 1, vbNullChar)
        rc = indeval_rules_explain_w(hRules, valueFigure, targetFigure, NoFigure(), places, _
            scaleCode, unitCode, StrPtr(chars), Len(chars), textLength)
    End If
    If rc = INDEVAL_OK Then
        IndevalExplain = Left$(chars, textLength)
    Else
        IndevalExplain = LastErrorText()
    End If
    indeval_rules_free hRules
    Exit Function
Failed:
    IndevalExplain = FailureText(Err.Number, Err.Description)
    If hRules <> 0 Then indeval_rules_free hRules
End Function

' RuleText as the library reads it, in canonical form: a check that the methodology says what
' its author meant. "" for blank rule text.
'   =IndevalCanonical("95% or above Green 85%-94% Amber 84% and below Red")
Public Function IndevalCanonical(ByVal RuleText As String) As String
#If VBA7 Then
    Dim hRules As LongPtr
#Else
    Dim hRules As Long
#End If
    Dim chars As String, textLength As Long, rc As Long, failure As String
    On Error GoTo Failed
    EnsureLoaded
    If Not ParseRules(RuleText, hRules, failure) Then
        IndevalCanonical = failure
        Exit Function
    End If
    If hRules = 0 Then Exit Function
    chars = String$(FIRST_BUFFER, vbNullChar)
    rc = indeval_rules_print_w(hRules, StrPtr(chars), Len(chars), textLength)
    If rc = INDEVAL_E_BUFFER Then
        chars = String$(textLength + 1, vbNullChar)
        rc = indeval_rules_print_w(hRules, StrPtr(chars), Len(chars), textLength)
    End If
    If rc = INDEVAL_OK Then
        IndevalCanonical = Left$(chars, textLength)
    Else
        IndevalCanonical = LastErrorText()
    End If
    indeval_rules_free hRules
    Exit Function
Failed:
    IndevalCanonical = FailureText(Err.Number, Err.Description)
    If hRules <> 0 Then indeval_rules_free hRules
End Function

' Direction of travel from Previous to Current: "Improved" or "Declined" when which way is good
' is known (from Polarity, else from the rules' bands), "Up" or "Down" when it is not, "Same",
' or "None" when either figure is missing.
'   Polarity  optional: "BIB" (bigger is better), "SIB" (smaller is better), "" (neutral), or an
'             INDEVAL_POLARITY_* code.
'   =IndevalDirection(71.2, 63.9, "BIB")  -> "Declined"
Public Function IndevalDirection(ByVal Previous As Variant, ByVal Current As Variant, _
        Optional ByVal Polarity As Variant, Optional ByVal RuleText As String = "", _
        Optional ByVal Decimals As Variant, Optional ByVal Fraction As Boolean = False) As String
#If VBA7 Then
    Dim hRules As LongPtr
#Else
    Dim hRules As Long
#End If
    Dim directionCode As Long, failure As String
    On Error GoTo Failed
    EnsureLoaded
    If Not ParseRules(RuleText, hRules, failure) Then
        IndevalDirection = failure
        Exit Function
    End If
    If indeval_direction(FigureOf(Previous), FigureOf(Current), PolarityOf(Polarity), hRules, _
            DecimalsOf(Decimals), ScaleOf(Fraction), directionCode) = INDEVAL_OK Then
        IndevalDirection = DirectionName(directionCode)
    Else
        IndevalDirection = LastErrorText()
    End If
    indeval_rules_free hRules
    Exit Function
Failed:
    IndevalDirection = FailureText(Err.Number, Err.Description)
    If hRules <> 0 Then indeval_rules_free hRules
End Function

' The statuses of every cell of Values under one RuleText, as an array shaped like Values (it
' spills in Excel 365; enter it as an array formula in older versions). Target is one figure
' for every cell, or a range the same size as Values holding each cell's target.
'   =IndevalRateRange($B$1, C2:C200)      =IndevalRateRange($B$1, C2:N2, C3:N3, 1)
' The text of a failure comes back alone, in place of the array.
Public Function IndevalRateRange(ByVal RuleText As String, ByVal Values As Variant, _
        Optional ByVal Target As Variant, Optional ByVal Decimals As Variant, _
        Optional ByVal Fraction As Boolean = False) As Variant
#If VBA7 Then
    Dim hRules As LongPtr, hCatalogue As LongPtr, targetsPointer As LongPtr
#Else
    Dim hRules As Long, hCatalogue As Long, targetsPointer As Long
#End If
    Dim figures() As Double, targetFigures() As Double, codes() As Byte, names() As Variant
    Dim rowCount As Long, colCount As Long, targetRows As Long, targetCols As Long
    Dim n As Long, i As Long, r As Long, c As Long, entryIndex As Long, targetFigure As Double
    Dim failure As String
    On Error GoTo Failed
    EnsureLoaded
    figures = FiguresOf(Values, rowCount, colCount)
    n = rowCount * colCount
    targetFigure = NoFigure()
    If IsArrayOrRange(Target) Then
        targetFigures = FiguresOf(Target, targetRows, targetCols)
        If targetRows * targetCols <> n Then
            IndevalRateRange = "Target must be one figure or as many cells as Values (" & n & ")"
            Exit Function
        End If
        targetsPointer = VarPtr(targetFigures(0))
    Else
        targetFigure = FigureOf(Target)
    End If
    If Not ParseRules(RuleText, hRules, failure) Then
        IndevalRateRange = failure
        Exit Function
    End If
    ReDim codes(0 To n - 1)
    If indeval_catalogue_create(hCatalogue) <> INDEVAL_OK Then GoTo LibraryFailed
    If indeval_catalogue_add(hCatalogue, hRules, DecimalsOf(Decimals), ScaleOf(Fraction), _
            INDEVAL_POLARITY_NEUTRAL, targetFigure, entryIndex) <> INDEVAL_OK Then
        GoTo LibraryFailed
    End If
    ' previous values, entry numbers, cohorts, reasons and directions: none; one thread
    If indeval_evaluate_bulk(hCatalogue, figures(0), 0, 0, targetsPointer, 0, n, codes(0), _
            0, 0, 1) <> INDEVAL_OK Then GoTo LibraryFailed
    ReDim names(1 To rowCount, 1 To colCount)
    For r = 1 To rowCount
        For c = 1 To colCount
            names(r, c) = StatusName(codes(i))
            i = i + 1
        Next c
    Next r
    IndevalRateRange = names
    GoTo Done
LibraryFailed:
    IndevalRateRange = LastErrorText()
Done:
    indeval_catalogue_free hCatalogue
    indeval_rules_free hRules
    Exit Function
Failed:
    IndevalRateRange = FailureText(Err.Number, Err.Description)
    If hCatalogue <> 0 Then indeval_catalogue_free hCatalogue
    If hRules <> 0 Then indeval_rules_free hRules
End Function

' The message of the last failure of a library call on this thread ("" if none). The worksheet
' functions return their failures themselves; this is for VBA code calling the declarations.
Public Function IndevalLastError() As String
    On Error GoTo Failed
    EnsureLoaded
    IndevalLastError = LastErrorText()
    Exit Function
Failed:
    IndevalLastError = FailureText(Err.Number, Err.Description)
End Function

' The version of the loaded indeval.dll, e.g. "0.1.0".
Public Function IndevalVersion() As String
    Dim majorVersion As Long, minorVersion As Long, patchVersion As Long
    On Error GoTo Failed
    EnsureLoaded
    If indeval_version(majorVersion, minorVersion, patchVersion) = INDEVAL_OK Then
        IndevalVersion = majorVersion & "." & minorVersion & "." & patchVersion
    Else
        IndevalVersion = LastErrorText()
    End If
    Exit Function
Failed:
    IndevalVersion = FailureText(Err.Number, Err.Description)
End Function

' Loads indeval.dll from DllPath, or, without one, from the folder of the workbook holding this
' module; True when it is loaded. The worksheet functions try the workbook's folder once by
' themselves. To use a copy elsewhere, call this before any other function of the module, e.g. in
' Workbook_Open: IndevalLoad "C:\Tools\indeval\x64\indeval.dll". DLLs that indeval.dll depends
' on are looked for in its own folder first.
Public Function IndevalLoad(Optional ByVal DllPath As String = "") As Boolean
    loadTried = True
    If Len(DllPath) = 0 Then
        If Len(ThisWorkbook.Path) = 0 Then Exit Function    ' a workbook never saved
        DllPath = ThisWorkbook.Path & Application.PathSeparator & "indeval.dll"
    End If
    IndevalLoad = (LoadLibraryExW(StrPtr(DllPath), 0, LOAD_WITH_ALTERED_SEARCH_PATH) <> 0)
End Function

' ==== private helpers =============================================================================

Private Sub EnsureLoaded()
    If Not loadTried Then IndevalLoad
End Sub

' Parses RuleText into a new handle (0 for blank text: no rules). False, with the library's
' message in Problem, when the text is refused.
#If VBA7 Then
Private Function ParseRules(ByVal RuleText As String, ByRef NewRules As LongPtr, _
        ByRef Problem As String) As Boolean
#Else
Private Function ParseRules(ByVal RuleText As String, ByRef NewRules As Long, _
        ByRef Problem As String) As Boolean
#End If
    Dim errorAt As Long
    NewRules = 0
    If Len(Trim$(RuleText)) = 0 Then
        ParseRules = True
    ElseIf indeval_rules_parse_w(StrPtr(RuleText), NewRules, errorAt) = INDEVAL_OK Then
        ParseRules = True
    Else
        Problem = LastErrorText()
    End If
End Function

Private Function LastErrorText() As String
    Dim chars As String, textLength As Long, rc As Long
    chars = String$(FIRST_BUFFER, vbNullChar)
    rc = indeval_last_error_w(StrPtr(chars), Len(chars), textLength)
    If rc = INDEVAL_E_BUFFER Then
        chars = String$(textLength + 1, vbNullChar)
        rc = indeval_last_error_w(StrPtr(chars), Len(chars), textLength)
    End If
    If rc = INDEVAL_OK Then LastErrorText = Left$(chars, textLength)
End Function

' The text for a VBA run-time error met by a worksheet function.
Private Function FailureText(ByVal Number As Long, ByVal Description As String) As String
    Dim bits As String
#If Win64 Then
    bits = "64-bit"
#Else
    bits = "32-bit"
#End If
    Select Case Number
    Case 48, 53
        FailureText = "cannot load indeval.dll: put the " & bits & " build next to this " & _
            "workbook or on PATH (" & Description & ")"
    Case 453
        FailureText = "indeval.dll is older than this module and lacks a function it needs (" & _
            Description & ")"
    Case Else
        FailureText = ERROR_SOURCE & ": " & Description
    End Select
End Function

' The library's "no figure": a quiet NaN.
Private Function NoFigure() As Double
    Static nan As Double, known As Boolean
    If Not known Then
        indeval_no_figure nan
        known = True
    End If
    NoFigure = nan
End Function

' A worksheet argument as a figure: numbers as they are; a numeric string as its number; anything
' else (blank, missing, text, an error value, TRUE/FALSE, a multi-cell range) is NaN.
Private Function FigureOf(ByVal Argument As Variant) As Double
    FigureOf = NoFigure()
    Argument = ScalarOf(Argument)
    Select Case VarType(Argument)
    Case vbDouble, vbSingle, vbLong, vbInteger, vbByte, vbCurrency, vbDecimal
        FigureOf = CDbl(Argument)
    Case vbString
        If IsNumeric(Argument) Then
            On Error Resume Next                ' a string IsNumeric accepts but CDbl does not
            FigureOf = CDbl(Argument)
            On Error GoTo 0
        End If
    End Select
End Function

' A one-cell Range as its value; anything else unchanged.
Private Function ScalarOf(ByVal Argument As Variant) As Variant
    If IsObject(Argument) Then
        If Argument Is Nothing Then
            ScalarOf = Empty
        Else
            ScalarOf = Argument.Value2
        End If
    Else
        ScalarOf = Argument
    End If
End Function

Private Function IsArrayOrRange(ByVal Argument As Variant) As Boolean
    If IsObject(Argument) Then
        If Not Argument Is Nothing Then IsArrayOrRange = (Argument.Count > 1)
    Else
        IsArrayOrRange = IsArray(Argument)
    End If
End Function

' The figures of a Range, an array or a single value, row by row, in a 0-based array. RowTotal
' and ColumnTotal receive the shape (one row for a single value or a one-dimensional array).
Private Function FiguresOf(ByVal Source As Variant, ByRef RowTotal As Long, _
        ByRef ColumnTotal As Long) As Double()
    Dim result() As Double, r As Long, c As Long, i As Long
    If IsObject(Source) Then Source = Source.Value2
    If Not IsArray(Source) Then
        RowTotal = 1
        ColumnTotal = 1
        ReDim result(0 To 0)
        result(0) = FigureOf(Source)
    ElseIf HasSecondDimension(Source) Then
        RowTotal = UBound(Source, 1) - LBound(Source, 1) + 1
        ColumnTotal = UBound(Source, 2) - LBound(Source, 2) + 1
        ReDim result(0 To RowTotal * ColumnTotal - 1)
        For r = LBound(Source, 1) To UBound(Source, 1)
            For c = LBound(Source, 2) To UBound(Source, 2)
                result(i) = FigureOf(Source(r, c))
                i = i + 1
            Next c
        Next r
    Else
        RowTotal = 1
        ColumnTotal = UBound(Source) - LBound(Source) + 1
        ReDim result(0 To ColumnTotal - 1)
        For c = LBound(Source) To UBound(Source)
            result(i) = FigureOf(Source(c))
            i = i + 1
        Next c
    End If
    FiguresOf = result
End Function

Private Function HasSecondDimension(ByRef Source As Variant) As Boolean
    Dim upper As Long
    On Error Resume Next
    upper = UBound(Source, 2)
    HasSecondDimension = (Err.Number = 0)
End Function

' Decimals as a worksheet gives them: missing or blank means "do not round".
Private Function DecimalsOf(ByVal Argument As Variant) As Long
    Argument = ScalarOf(Argument)
    If IsError(Argument) Or IsEmpty(Argument) Then
        DecimalsOf = INDEVAL_NO_DECIMALS
    ElseIf VarType(Argument) = vbString Then
        If Len(Trim$(Argument)) = 0 Then
            DecimalsOf = INDEVAL_NO_DECIMALS
        Else
            DecimalsOf = CLng(Argument)
        End If
    Else
        DecimalsOf = CLng(Argument)
    End If
End Function

Private Function ScaleOf(ByVal Fraction As Boolean) As Long
    If Fraction Then ScaleOf = INDEVAL_SCALE_FRACTION Else ScaleOf = INDEVAL_SCALE_POINTS
End Function

' A unit by name or INDEVAL_UNIT_* code; missing or blank: percent for fractions, else count.
Private Function UnitOf(ByVal Argument As Variant, ByVal Fraction As Boolean) As Long
    Argument = ScalarOf(Argument)
    If IsError(Argument) Or IsEmpty(Argument) Then Argument = ""
    If VarType(Argument) <> vbString Then
        UnitOf = CLng(Argument)
        Exit Function
    End If
    Select Case LCase$(Trim$(Argument))
    Case ""
        If Fraction Then UnitOf = INDEVAL_UNIT_PERCENT Else UnitOf = INDEVAL_UNIT_COUNT
    Case "count", "number"
        UnitOf = INDEVAL_UNIT_COUNT
    Case "percent", "percentage", "%"
        UnitOf = INDEVAL_UNIT_PERCENT
    Case "days", "day"
        UnitOf = INDEVAL_UNIT_DAYS
    Case "average"
        UnitOf = INDEVAL_UNIT_AVERAGE
    Case "rate"
        UnitOf = INDEVAL_UNIT_RATE
    Case Else
        Err.Raise vbObjectError + 513, ERROR_SOURCE, "unit must be count, percent, days, " & _
            "average or rate, not """ & Argument & """"
    End Select
End Function

' A polarity by name or INDEVAL_POLARITY_* code; missing or blank: neutral.
Private Function PolarityOf(ByVal Argument As Variant) As Long
    Argument = ScalarOf(Argument)
    If IsError(Argument) Or IsEmpty(Argument) Then Argument = ""
    If VarType(Argument) <> vbString Then
        PolarityOf = CLng(Argument)
        Exit Function
    End If
    Select Case LCase$(Trim$(Argument))
    Case "", "-", "neutral", "none", "na", "n/a"
        PolarityOf = INDEVAL_POLARITY_NEUTRAL
    Case "bib", "high", "bigger is better", "higher is better"
        PolarityOf = INDEVAL_POLARITY_BIB
    Case "sib", "low", "smaller is better", "lower is better"
        PolarityOf = INDEVAL_POLARITY_SIB
    Case Else
        Err.Raise vbObjectError + 514, ERROR_SOURCE, "polarity must be BIB, SIB or blank, " & _
            "not """ & Argument & """"
    End Select
End Function

Private Function StatusName(ByVal Code As Long) As String
    Select Case Code
    Case INDEVAL_STATUS_RED: StatusName = "Red"
    Case INDEVAL_STATUS_AMBER: StatusName = "Amber"
    Case INDEVAL_STATUS_GREEN: StatusName = "Green"
    Case INDEVAL_STATUS_BLUE: StatusName = "Blue"
    Case Else: StatusName = "None"
    End Select
End Function

Private Function DirectionName(ByVal Code As Long) As String
    Select Case Code
    Case INDEVAL_DIRECTION_IMPROVED: DirectionName = "Improved"
    Case INDEVAL_DIRECTION_DECLINED: DirectionName = "Declined"
    Case INDEVAL_DIRECTION_SAME: DirectionName = "Same"
    Case INDEVAL_DIRECTION_UP: DirectionName = "Up"
    Case INDEVAL_DIRECTION_DOWN: DirectionName = "Down"
    Case Else: DirectionName = "None"
    End Select
End Function
