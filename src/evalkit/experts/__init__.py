"""Expert input: AHP questionnaires and rating sheets out as Excel workbooks, answers back in.

``plan`` says what to ask (from a spec and a panel of experts), ``questionnaire`` writes one
workbook per expert, ``collect`` reads the returned workbooks, ``feedback`` analyses each
expert's answers with :mod:`evalkit.ahp` and words the message to send back, and ``output``
writes the weights YAML and the ``ratings`` table.
"""
