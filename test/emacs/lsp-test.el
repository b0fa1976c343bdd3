;;; lsp-test.el --- Emacs + eglot as a plain LSP client of the language server  -*- lexical-binding: t; -*-

;; Emacs 28 with eglot 1.9 (Debian: emacs-nox, elpa-eglot), in batch mode.
;; eglot starts `node dist/server.js --stdio' for an `ilog-mode' buffer (the
;; mode docs/editors.md tells users to define), receives the pushed
;; diagnostics through Flymake, runs the quick fix from
;; `eglot-code-actions', saves, and checks the file on disk and the
;; diagnostics that follow.
;;
;;   COUNTING_RULES_SERVER=dist/server.js emacs --batch -q -l test/emacs/lsp-test.el <copy of domestic-abuse.ilog>
;;
;; (-q, not -Q: -Q skips Debian's site-lisp, where eglot is.)  Prints one
;; line per test and `N passed, N failed'; exits 1 on any failure.

(require 'cl-lib)
(require 'eglot)
(require 'flymake)

(defvar crt-server (getenv "COUNTING_RULES_SERVER"))
(defvar crt-timeout (/ (string-to-number (or (getenv "DIAG_TIMEOUT_MS") "20000")) 1000.0))
(defvar crt-passed 0)
(defvar crt-failed 0)
(defvar crt-started (float-time))

(defun crt-out (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n")))

(defmacro crt-test (name &rest body)
  "Run BODY as the test NAME; an error fails it."
  (declare (indent 1))
  `(condition-case err
       (progn ,@body
              (setq crt-passed (1+ crt-passed))
              (crt-out "ok - %s (%d ms)" ,name (round (* 1000 (- (float-time) crt-started)))))
     (error (setq crt-failed (1+ crt-failed))
            (crt-out "not ok - %s\n    %s" ,name (error-message-string err)))))

(defun crt-finish ()
  (crt-out "emacs %s eglot: %d passed, %d failed" emacs-version crt-passed crt-failed)
  (ignore-errors (let ((server (eglot-current-server))) (when server (eglot-shutdown server))))
  (kill-emacs (if (or (> crt-failed 0) (= crt-passed 0)) 1 0)))

(define-derived-mode ilog-mode text-mode "ilog"
  "Major mode for police incident logs (.ilog), as in docs/editors.md."
  (setq-local comment-start "# ")
  (setq-local comment-start-skip "#+\\s-*"))
(add-to-list 'auto-mode-alist '("\\.ilog\\'" . ilog-mode))
(add-to-list 'eglot-server-programs `(ilog-mode . ("node" ,crt-server "--stdio")))
(add-hook 'ilog-mode-hook #'eglot-ensure)
;; Nothing interactive in batch mode.
(setq eglot-confirm-server-initiated-edits nil)

(defun crt-wait (pred what)
  "Wait for PRED, handling the server's messages and running Flymake, for at most the timeout."
  (let ((deadline (+ (float-time) crt-timeout)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      ;; Returns as soon as the server sends something (at most 50 ms): a wait for output, not a sleep.
      (accept-process-output nil 0.05)
      (when (bound-and-true-p flymake-mode) (flymake-start)))
    (unless (funcall pred) (error "Timed out after %s s waiting for %s" crt-timeout what))))

(defun crt-ours ()
  "The counting-rules diagnostics Flymake shows in the buffer, as LSP diagnostics (plists)."
  (cl-loop for d in (flymake-diagnostics (point-min) (point-max))
           for lsp = (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data d)))
           when (and lsp (equal (plist-get lsp :source) "counting-rules"))
           collect (list :diag d :lsp lsp)))

(defun crt-rules ()
  (mapcar (lambda (x) (plist-get (plist-get x :lsp) :code)) (crt-ours)))

(defun crt-read (file)
  (with-temp-buffer
    (insert-file-contents-literally file)
    (buffer-string)))

(defun crt-lines (text) (split-string text "\n"))

(let* ((file (expand-file-name (car command-line-args-left)))
       (original (and file (file-exists-p file) (crt-read file)))
       buffer)
  (setq command-line-args-left nil)

  (crt-test "eglot starts node dist/server.js --stdio for an ilog-mode buffer"
    (unless (and crt-server (file-exists-p crt-server)) (error "COUNTING_RULES_SERVER must name dist/server.js (npm run build)"))
    (unless original (error "Give a copy of domestic-abuse.ilog as the argument"))
    (setq buffer (find-file-noselect file))
    (set-buffer buffer)
    (unless (eq major-mode 'ilog-mode) (error "The log opened in %s" major-mode))
    ;; eglot-ensure connects from post-command-hook, which batch mode never runs by itself.
    (run-hooks 'post-command-hook)
    (crt-wait (lambda () (and (eglot-current-server) eglot--managed-mode)) "eglot to connect")
    (unless (eglot--server-capable :codeActionProvider) (error "No codeActionProvider")))

  (when buffer
    (set-buffer buffer)
    (crt-test "Flymake shows the pushed finding"
      (crt-wait (lambda () (crt-ours)) "the first diagnostics")
      (let* ((ours (crt-ours))
             (d (plist-get (car ours) :diag)))
        (unless (equal (crt-rules) '("unrecorded-offence")) (error "Findings: %S" (crt-rules)))
        (unless (memq (flymake-diagnostic-type d) (quote (eglot-warning :warning))) (error "Type %S, not a warning" (flymake-diagnostic-type d)))
        (unless (equal (buffer-substring-no-properties (flymake-diagnostic-beg d) (flymake-diagnostic-end d)) "shouting that he will batter")
          (error "The diagnostic covers %S" (buffer-substring-no-properties (flymake-diagnostic-beg d) (flymake-diagnostic-end d))))))

    (crt-test "eglot-code-actions offers the quick fix; applied and saved, the file is right"
      (let* ((d (plist-get (car (crt-ours)) :diag))
             (actions (eglot-code-actions (flymake-diagnostic-beg d) (flymake-diagnostic-end d) "quickfix"))
             (titles (mapcar (lambda (a) (plist-get a :title)) actions))
             (fix (cl-find "Record 9A Public fear, alarm or distress for V1 (DA)" actions
                           :key (lambda (a) (plist-get a :title)) :test #'equal)))
        (unless fix (error "No Record 9A fix among %S" titles))
        (unless (eq (plist-get fix :isPreferred) t) (error "The fix is not preferred"))
        (eglot--apply-workspace-edit (plist-get fix :edit))
        (save-buffer)
        (let ((before (crt-lines original))
              (after (crt-lines (crt-read file))))
          (unless (= (length after) (1+ (length before))) (error "%d lines on disk, expected %d" (length after) (1+ (length before))))
          (unless (equal (cl-subseq after 0 21) (cl-subseq before 0 21)) (error "Lines before the fix changed"))
          (unless (string-match-p "^Crime: 9A Public fear, alarm or distress | victim V1 | recorded [0-9][0-9]/[0-9][0-9]/[0-9]\\{4\\} [0-9][0-9]:[0-9][0-9] | flags DA$" (nth 21 after))
            (error "Line 22 on disk is %S" (nth 21 after)))
          (unless (equal (cl-subseq after 22) (cl-subseq before 21)) (error "Lines after the fix changed")))))

    (crt-test "the server checks the saved text: the finding is gone, the new crime is late"
      (crt-wait (lambda () (equal (crt-rules) '("late-recording"))) "only late-recording")
      (let ((d (plist-get (car (crt-ours)) :diag)))
        (unless (= (line-number-at-pos (flymake-diagnostic-beg d)) 22) (error "late-recording on line %d" (line-number-at-pos (flymake-diagnostic-beg d)))))))

  (crt-finish))

;;; lsp-test.el ends here
