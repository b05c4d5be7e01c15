<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.cli.argparse_zh</name>
    <message>
      <location filename="cnnviz/cli/argparse_zh.py" />
      <source>usage: </source>
      <translation>用法：</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/argparse_zh.py" />
      <source>positional arguments</source>
      <translation>位置参数</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/argparse_zh.py" />
      <source>options</source>
      <translation>选项</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/argparse_zh.py" />
      <source>subcommands</source>
      <translation>子命令</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/argparse_zh.py" />
      <source>%(heading)s:</source>
      <translation>%(heading)s：</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/argparse_zh.py" />
      <source> (default: %(default)s)</source>
      <translation>（默认：%(default)s）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/argparse_zh.py" />
      <source>show this help message and exit</source>
      <translation>显示此帮助信息并退出</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/argparse_zh.py" />
      <source>show program's version number and exit</source>
      <translation>显示程序的版本号并退出</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/argparse_zh.py" />
      <source>argument %(argument_name)s: %(message)s</source>
      <translation>参数 %(argument_name)s：%(message)s</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/argparse_zh.py" />
      <source>unknown parser %(parser_name)r (choices: %(choices)s)</source>
      <translation>未知的子命令 %(parser_name)r（可选：%(choices)s）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/argparse_zh.py" />
      <source>can't open '%(filename)s': %(error)s</source>
      <translation>无法打开 '%(filename)s'：%(error)s</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/argparse_zh.py" />
      <source>unrecognized arguments: %s</source>
      <translation>无法识别的参数：%s</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/argparse_zh.py" />
      <source>not allowed with argument %s</source>
      <translation>不能与参数 %s 同时使用</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/argparse_zh.py" />
      <source>ignored explicit argument %r</source>
      <translation>忽略了显式给出的参数 %r</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/argparse_zh.py" />
      <source>the following arguments are required: %s</source>
      <translation>缺少以下必需参数：%s</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/argparse_zh.py" />
      <source>one of the arguments %s is required</source>
      <translation>必须给出参数 %s 中的一个</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/argparse_zh.py" />
      <source>expected one argument</source>
      <translation>需要一个值</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/argparse_zh.py" />
      <source>expected at most one argument</source>
      <translation>最多需要一个值</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/argparse_zh.py" />
      <source>expected at least one argument</source>
      <translation>至少需要一个值</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/argparse_zh.py" />
      <source>expected %s argument</source>
      <translation>需要 %s 个值</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/argparse_zh.py" />
      <source>expected %s arguments</source>
      <translation>需要 %s 个值</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/argparse_zh.py" />
      <source>ambiguous option: %(option)s could match %(matches)s</source>
      <translation>选项有歧义：%(option)s 可以匹配 %(matches)s</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/argparse_zh.py" />
      <source>unexpected option string: %s</source>
      <translation>意外的选项：%s</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/argparse_zh.py" />
      <source>invalid %(type)s value: %(value)r</source>
      <translation>无效的 %(type)s 值：%(value)r</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/argparse_zh.py" />
      <source>invalid choice: %(value)r (choose from %(choices)s)</source>
      <translation>无效的选择：%(value)r（可选：%(choices)s）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/argparse_zh.py" />
      <source>argument '%(argument_name)s' is deprecated</source>
      <translation>参数 '%(argument_name)s' 已弃用</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/argparse_zh.py" />
      <source>option '%(option)s' is deprecated</source>
      <translation>选项 '%(option)s' 已弃用</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/argparse_zh.py" />
      <source>command '%(parser_name)s' is deprecated</source>
      <translation>命令 '%(parser_name)s' 已弃用</translation>
    </message>
  </context>
</TS>
