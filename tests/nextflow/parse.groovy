// Parses each file given as Groovy, as Nextflow's own parser would first do: a syntax
// error in a .nf or .config file fails here, naming the file and line.
int failed = 0
args.each { name ->
    try {
        new GroovyShell().parse(new File(name))
        println "parsed ${name}"
    } catch (org.codehaus.groovy.control.CompilationFailedException e) {
        System.err.println "syntax error in ${name}: ${e.message}"
        failed++
    }
}
System.exit(failed ? 1 : 0)
